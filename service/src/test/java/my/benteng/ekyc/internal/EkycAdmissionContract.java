package my.benteng.ekyc.internal;

import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.RawHttp;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static my.benteng.testing.ApiClient.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relying parties' requests are refused on their headers before the server reads a byte of the body: an anonymous
 * caller cannot make the service take and parse a 4 MB multipart upload to learn that it is not signed. Proven over a
 * raw socket that sends only the head of the request: the refusal arrives although no body byte was ever sent, and a
 * client that asks first (Expect: 100-continue) is never told to send the body.
 */
abstract class EkycAdmissionContract {

    private static final long FOUR_MB = 4L * 1024 * 1024;
    private static final String MULTIPART = "multipart/form-data; boundary=----ekyc" + RelyingPartyClient.nonce();

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

    RelyingPartyClient party;

    @BeforeEach
    void setUp() {
        party = new EkycFixture(port, staff, sessions, tokens, dispatcher).relyingParty();
    }

    @Test
    void anUnsignedMultipartUploadIsRefusedBeforeItsBodyIsRead() {
        RawHttp.Answer answer = upload(Map.of(), true);
        RawHttp.assertProblem(answer, 401, "signature-required");
    }

    @Test
    void anUnsignedUploadFromAClientThatDoesNotAskFirstIsAnsweredBeforeItSendsTheBody() {
        RawHttp.Answer answer = upload(Map.of(), false);
        RawHttp.assertProblem(answer, 401, "signature-required");
    }

    @Test
    void anUploadUnderAnUnknownKeyIsRefusedBeforeItsBodyIsRead() {
        RelyingPartyClient stranger = party.withKey("rp_AAAAAAAAAAAAAAAA", "not-the-secret");
        RawHttp.Answer answer = upload(stranger.headers("POST", "/api/v1/ekyc/sessions", new byte[32]), true);
        RawHttp.assertProblem(answer, 401, "unknown-key");
        assertThat(answer.body()).doesNotContain("rp_AAAAAAAAAAAAAAAA");
    }

    @Test
    void anUploadFromOutsideTheKeysNetworksIsRefusedBeforeItsBodyIsRead() {
        Map<String, String> headers = new LinkedHashMap<>(party.headers("POST", "/api/v1/ekyc/sessions", new byte[32]));
        headers.put("X-Forwarded-For", "192.0.2.77");
        RawHttp.Answer answer = RawHttp.headOnly(port, "POST", "/api/v1/ekyc/sessions", withType(headers), FOUR_MB, true);
        RawHttp.assertProblem(answer, 403, "source-not-allowed");
        assertThat(answer.body()).doesNotContain("192.0.2.77");
    }

    @Test
    void anUploadWithAStaleTimestampIsRefusedBeforeItsBodyIsRead() {
        Map<String, String> old = party.headers("POST", "/api/v1/ekyc/sessions", new byte[32]);
        TestClock.INSTANCE.advance(Duration.ofSeconds(31));
        RawHttp.assertProblem(upload(old, true), 401, "stale-request");
    }

    @Test
    void aReplayedNonceIsRefusedBeforeTheBodyIsRead() {
        String json = "{\"consentReference\":\"00000000-0000-4000-8000-000000000000\",\"ageAtLeast\":18}";
        Map<String, String> h = party.headers("POST", "/api/v1/ekyc/verify", SignedRequests.sha256(json.getBytes(StandardCharsets.UTF_8)));
        assertProblem(party.verifyWithHeaders(json, h), 404, "ekyc-record-not-found"); // spends the nonce
        Map<String, String> replay = new LinkedHashMap<>(h);
        replay.put("X-Forwarded-For", party.clientIp());
        replay.put("Content-Type", "application/json");
        RawHttp.assertProblem(RawHttp.headOnly(port, "POST", "/api/v1/ekyc/verify", replay, 60_000, true), 401, "replayed-request");
    }

    @Test
    void anUnsignedVerificationIsRefusedBeforeItsBodyIsRead() {
        RawHttp.Answer answer = RawHttp.headOnly(port, "POST", "/api/v1/ekyc/verify",
                Map.of("X-Forwarded-For", party.clientIp(), "Content-Type", "application/json"), 60_000, true);
        RawHttp.assertProblem(answer, 401, "signature-required");
    }

    @Test
    void anUnsignedUploadSentWholeGetsTheSignatureProblemWhateverItsBody() throws Exception {
        // not even multipart inside: the body used to be parsed first, and this answered 400 bad-request
        byte[] junk = new byte[512 * 1024]; // under Tomcat's swallow limit, so the whole exchange completes normally
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/ekyc/sessions"))
                .header("Content-Type", MULTIPART).header("X-Forwarded-For", party.clientIp())
                .POST(HttpRequest.BodyPublishers.ofByteArray(junk)).build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(r, 401, "signature-required");
    }

    @Test
    void aSignedUploadStillHasItsSignatureCheckedAgainstTheBody() {
        byte[] image = new byte[1024];
        HttpResponse<String> r = party.session("900101-14-5678", "00000000-0000-4000-8000-000000000000", image, image, "image/jpeg",
                h -> h.putAll(party.headers("POST", "/api/v1/ekyc/sessions", new byte[32]))); // signed over another body
        assertProblem(r, 401, "bad-signature");
    }

    private RawHttp.Answer upload(Map<String, String> signatureHeaders, boolean expectContinue) {
        Map<String, String> headers = new LinkedHashMap<>(signatureHeaders);
        headers.put("X-Forwarded-For", party.clientIp());
        return RawHttp.headOnly(port, "POST", "/api/v1/ekyc/sessions", withType(headers), FOUR_MB, expectContinue);
    }

    private static Map<String, String> withType(Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", MULTIPART);
        return all;
    }
}
