package my.benteng.ekyc.internal;

import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static my.benteng.testing.ApiClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Relying-party request authentication: every way a request can be wrong gets its own clear problem, with no echo. */
@SqliteIntegrationTest
class EkycSignedRequestsSqliteIntegrationTest {

    private static final String BODY = "{\"consentReference\":\"00000000-0000-4000-8000-000000000000\",\"ageAtLeast\":18}";

    @LocalServerPort
    int port;
    @Autowired
    StaffService staff;
    @Autowired
    Sessions sessions;
    @Autowired
    TestVerificationTokens tokens;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;

    RelyingPartyClient party;

    @BeforeEach
    void setUp() {
        party = new EkycFixture(port, staff, sessions, tokens, dispatcher).relyingParty();
    }

    @Test
    void aCorrectlySignedRequestIsAuthenticated() {
        // authenticated, and then the unknown consent is a 404: the signature checks all passed
        assertProblem(party.verify(BODY), 404, "ekyc-record-not-found");
    }

    @Test
    void aBadSignatureIsRefused() {
        HttpResponse<String> r = party.verify(BODY, h -> h.put("X-Ekyc-Signature", RelyingPartyClient.nonce() + RelyingPartyClient.nonce().substring(0, 19)));
        assertProblem(r, 401, "bad-signature");
        assertNoEcho(r, party.keyId);
    }

    @Test
    void aSignatureOverAnotherBodyIsRefused() {
        Map<String, String> signedForOther = party.headers("POST", "/api/v1/ekyc/verify",
                SignedRequests.sha256("{\"consentReference\":\"x\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertProblem(party.verifyWithHeaders(BODY, signedForOther), 401, "bad-signature");
    }

    @Test
    void aSignatureForAnotherPathIsRefused() {
        Map<String, String> signedForOther = party.headers("POST", "/api/v1/ekyc/sessions", SignedRequests.sha256(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertProblem(party.verifyWithHeaders(BODY, signedForOther), 401, "bad-signature");
    }

    @Test
    void aStaleTimestampIsRefused() {
        Map<String, String> old = party.headers("POST", "/api/v1/ekyc/verify", SignedRequests.sha256(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        HttpResponse<String> r = party.verifyWithHeaders(BODY, old);
        assertProblem(r, 401, "stale-request");
        assertNoEcho(r, old.get("X-Ekyc-Timestamp"));
    }

    @Test
    void aFutureTimestampIsRefused() {
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        Map<String, String> future = party.headers("POST", "/api/v1/ekyc/verify", SignedRequests.sha256(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        TestClock.INSTANCE.advance(Duration.ofSeconds(-31));
        assertProblem(party.verifyWithHeaders(BODY, future), 401, "stale-request");
    }

    @Test
    void aTimestampWithinTheWindowIsAccepted() {
        Map<String, String> h = party.headers("POST", "/api/v1/ekyc/verify", SignedRequests.sha256(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        TestClock.INSTANCE.advance(Duration.ofSeconds(29));
        assertProblem(party.verifyWithHeaders(BODY, h), 404, "ekyc-record-not-found");
    }

    @Test
    void aReplayedRequestIsRefusedEvenWithinTheWindow() {
        Map<String, String> h = party.headers("POST", "/api/v1/ekyc/verify", SignedRequests.sha256(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertProblem(party.verifyWithHeaders(BODY, h), 404, "ekyc-record-not-found");
        HttpResponse<String> replay = party.verifyWithHeaders(BODY, h);
        assertProblem(replay, 401, "replayed-request");
        assertNoEcho(replay, h.get("X-Ekyc-Nonce"));
        // and once the window has passed, the timestamp refuses it before the nonce is even looked at
        TestClock.INSTANCE.advance(Duration.ofMinutes(5));
        assertProblem(party.verifyWithHeaders(BODY, h), 401, "stale-request");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'authn_token_reuse' AND actor = :a")
                .param("a", "relying-party-key:" + party.keyId).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBadlySignedRequestCannotBurnANonce() {
        Map<String, String> h = party.headers("POST", "/api/v1/ekyc/verify", SignedRequests.sha256(BODY.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Map<String, String> forged = new java.util.LinkedHashMap<>(h);
        forged.put("X-Ekyc-Signature", RelyingPartyClient.nonce() + RelyingPartyClient.nonce().substring(0, 19));
        assertProblem(party.verifyWithHeaders(BODY, forged), 401, "bad-signature");
        assertProblem(party.verifyWithHeaders(BODY, h), 404, "ekyc-record-not-found");
    }

    @Test
    void aRequestFromOutsideTheAllowedNetworksIsRefused() {
        HttpResponse<String> r = party.from("192.0.2.77").verify(BODY);
        assertProblem(r, 403, "source-not-allowed");
        assertNoEcho(r, "192.0.2.77");
    }

    @Test
    void anUnknownKeyIsRefused() {
        HttpResponse<String> r = party.withKey("rp_AAAAAAAAAAAAAAAA", "not-the-secret").verify(BODY);
        assertProblem(r, 401, "unknown-key");
        assertNoEcho(r, "rp_AAAAAAAAAAAAAAAA");
    }

    @Test
    void theRightKeyIdWithTheWrongSecretIsABadSignature() {
        assertProblem(party.withKey(party.keyId, "guessed-secret").verify(BODY), 401, "bad-signature");
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        assertProblem(party.verify(BODY, Map::clear), 401, "signature-required");
        assertProblem(party.verify(BODY, h -> h.put("X-Ekyc-Timestamp", "yesterday")), 401, "signature-required");
        assertProblem(party.verify(BODY, h -> h.put("X-Ekyc-Nonce", "short")), 401, "signature-required");
        assertProblem(party.verify(BODY, h -> h.put("X-Ekyc-Nonce", "<script>alert(1)</script>AAAAAAAA")), 401, "signature-required");
        assertProblem(party.verify(BODY, h -> h.put("X-Ekyc-Key", "' OR 1=1 --")), 401, "signature-required");
        assertProblem(party.verify(BODY, h -> h.put("X-Ekyc-Timestamp", "9".repeat(40))), 401, "signature-required");
    }

    @Test
    void aDisabledRelyingPartysKeyStopsWorking() {
        var fixture = new EkycFixture(port, staff, sessions, tokens, dispatcher);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/ekyc/relying-parties/"
                + party.relyingPartyId)).header("Authorization", "Bearer " + fixture.operator()).DELETE().build();
        try {
            assertThat(java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertProblem(party.verify(BODY), 401, "unknown-key");
    }

    private static void assertNoEcho(HttpResponse<String> r, String value) {
        assertThat(r.body()).doesNotContain(value);
    }
}
