package my.benteng.ekyc.internal;

import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Consent codes go only to the phone on the citizen's account; nobody else chooses the destination. */
@SqliteIntegrationTest
class EkycConsentSqliteIntegrationTest {

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

    EkycFixture fixture;
    RelyingPartyClient party;

    @BeforeEach
    void setUp() {
        fixture = new EkycFixture(port, staff, sessions, tokens, dispatcher);
        party = fixture.relyingParty();
    }

    long messagesTo(String phone) {
        while (dispatcher.dispatchDue() > 0) {
            // deliver everything due
        }
        HttpResponse<String> outbox = fixture.api().get("/dev/outbox?limit=500", null);
        int n = 0;
        for (var m : json(outbox)) {
            if (phone.equals(m.path("to").asString())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void theCodeGoesToThePhoneOnTheAccountAndNowhereElse() {
        EkycFixture.Citizen citizen = fixture.citizen("Nur Aisyah binti Ahmad");
        String attacker = CodeJourney.newMobile();
        CodeJourney journey = citizen.phoneAndBrowser();
        // a destination in the request is not part of the API: refused before anything is sent
        HttpResponse<String> steered = journey.post("/api/v1/ekyc/consents", "{\"relyingPartyId\":" + q(party.relyingPartyId)
                + ",\"purpose\":\"ACCOUNT_OPENING\",\"destination\":" + q(attacker) + ",\"channel\":\"SMS\",\"pow\":"
                + q(journey.solveChallenge()) + "}", citizen.session());
        assertProblem(steered, 400, "malformed-body");
        assertThat(steered.body()).doesNotContain(attacker);
        assertThat(messagesTo(attacker)).isZero();
        assertThat(messagesTo(citizen.phone())).isZero();
        // the real request: the code arrives on the account's phone only
        String consent = fixture.consent(citizen, party, EkycFixture.PURPOSE);
        assertThat(messagesTo(citizen.phone())).isEqualTo(1);
        assertThat(messagesTo(attacker)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'consent_granted' AND subject = :s")
                .param("s", "consent:" + consent).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aRelyingPartyHasNoWayToStartAConsent() {
        // no signed endpoint sends codes; the citizen endpoints need a citizen session
        HttpResponse<String> r = fixture.api().post("/api/v1/ekyc/consents", "{\"relyingPartyId\":" + q(party.relyingPartyId)
                + ",\"purpose\":\"ACCOUNT_OPENING\"}");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(fixture.api().post("/api/v1/ekyc/consents", "{}", fixture.operator()).statusCode()).isEqualTo(403);
    }

    @Test
    void aVerificationTokenForAnotherPhoneCannotConfirm() {
        EkycFixture.Citizen citizen = fixture.citizen("Muthu a/l Ramasamy");
        CodeJourney journey = citizen.phoneAndBrowser();
        HttpResponse<String> started = journey.post("/api/v1/ekyc/consents", "{\"relyingPartyId\":" + q(party.relyingPartyId)
                + ",\"purpose\":\"ACCOUNT_OPENING\",\"pow\":" + q(journey.solveChallenge()) + "}", citizen.session());
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String consentId = journey.field(started, "consentId");
        // someone else's phone, verified for the same purpose
        String otherPhone = CodeJourney.newMobile();
        String foreignToken = new CodeJourney(port, dispatcher).verificationToken(otherPhone, "EKYC_CONSENT");
        HttpResponse<String> r = journey.post("/api/v1/ekyc/consents/" + consentId + "/confirm", "{\"verificationToken\":" + q(foreignToken) + "}",
                citizen.session());
        assertProblem(r, 400, "consent-not-confirmed");
        assertThat(r.body()).doesNotContain(foreignToken);
    }

    @Test
    void anotherCitizenCannotConfirmOrRevokeMyConsent() {
        EkycFixture.Citizen me = fixture.citizen("Tan Ah Kow");
        String consent = fixture.consent(me, party, EkycFixture.PURPOSE);
        EkycFixture.Citizen other = fixture.citizen("Lim Mei Ling");
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/ekyc/consents/" + consent))
                .header("Authorization", "Bearer " + other.session()).DELETE().build();
        try {
            assertThat(java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        HttpResponse<String> mine = me.phoneAndBrowser().get("/api/v1/ekyc/consents", me.session());
        assertThat(json(mine).get(0).path("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void consentNeedsAPurposeTheRelyingPartyDeclared() {
        EkycFixture.Citizen citizen = fixture.citizen("Aminah binti Ali");
        CodeJourney journey = citizen.phoneAndBrowser();
        assertProblem(journey.post("/api/v1/ekyc/consents", "{\"relyingPartyId\":" + q(party.relyingPartyId)
                + ",\"purpose\":\"MARKETING\",\"pow\":" + q(journey.solveChallenge()) + "}", citizen.session()), 404, "relying-party-not-found");
        assertProblem(journey.post("/api/v1/ekyc/consents", "{\"relyingPartyId\":\"../../admin\",\"purpose\":\"ACCOUNT_OPENING\"}",
                citizen.session()), 404, "relying-party-not-found");
        assertThat(messagesTo(citizen.phone())).isZero();
    }

    @Test
    void consentCodesGoThroughTheShieldLikeAnyOtherCode() {
        EkycFixture.Citizen citizen = fixture.citizen("Siti binti Hassan");
        CodeJourney journey = citizen.phoneAndBrowser();
        String start = "{\"relyingPartyId\":" + q(party.relyingPartyId) + ",\"purpose\":\"ACCOUNT_OPENING\"";
        HttpResponse<String> noPow = journey.post("/api/v1/ekyc/consents", start + "}", citizen.session());
        assertProblem(noPow, 428, "proof-of-work-required");
        assertThat(messagesTo(citizen.phone())).isZero();
        assertThat(journey.post("/api/v1/ekyc/consents", start + ",\"pow\":" + q(journey.solveChallenge()) + "}", citizen.session())
                .statusCode()).isEqualTo(202);
        // asking again at once hits the otp resend cooldown: no second SMS
        HttpResponse<String> again = journey.post("/api/v1/ekyc/consents", start + ",\"pow\":" + q(journey.solveChallenge()) + "}",
                citizen.session());
        assertProblem(again, 429, "too-many-requests");
        assertThat(again.headers().firstValue("Retry-After")).isPresent();
        assertThat(messagesTo(citizen.phone())).isEqualTo(1);
    }
}
