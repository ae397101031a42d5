package my.benteng.otp;

import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The code flow over real HTTP, on each database: what citizens and attackers see. */
abstract class OtpFlowContract {

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    CodeJourney journey;
    String phone;

    @BeforeEach
    void newCitizen() {
        journey = new CodeJourney(port, dispatcher);
        phone = CodeJourney.newMobile();
    }

    @Test
    void aCitizenSignsUpWithACodeAndUsesTheSession() {
        String token = journey.verificationToken(phone, "SIGN_UP");
        HttpResponse<String> created = journey.post("/api/v1/citizens", "{\"verificationToken\":\"" + token + "\",\"name\":\"Siti Aminah\"}", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String session = journey.field(created, "sessionToken");
        assertThat(journey.get("/api/v1/me", session).statusCode()).isEqualTo(200);
    }

    @Test
    void theAcceptedResponseHasTheContractShape() {
        HttpResponse<String> r = journey.requestCode("SMS", phone, "SIGN_UP");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"requestId\"").contains("\"expiresAt\"").contains("\"resendAfter\"");
    }

    @Test
    void wrongCodesCountDownThenTheCodeIsGone() {
        String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String code = journey.readCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 0; left--) {
            HttpResponse<String> r = journey.verify(requestId, wrong);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("\"attemptsLeft\":" + left).doesNotContain(code);
        }
        assertThat(journey.verify(requestId, code).statusCode()).as("dead after five wrong tries").isEqualTo(410);
    }

    @Test
    void aCodeIsSingleUse() {
        String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String code = journey.readCode(phone);
        assertThat(journey.verify(requestId, code).statusCode()).isEqualTo(200);
        assertThat(journey.verify(requestId, code).statusCode()).isEqualTo(410);
    }

    @Test
    void aCodeExpiresAfterFiveMinutes() {
        String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String code = journey.readCode(phone);
        TestClock.INSTANCE.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(journey.verify(requestId, code).statusCode()).isEqualTo(410);
    }

    @Test
    void aResendTooSoonIsRefusedWithRetryAfter() {
        assertThat(journey.requestCode("SMS", phone, "LOGIN").statusCode()).isEqualTo(202);
        HttpResponse<String> again = journey.requestCode("SMS", phone, "LOGIN");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).get().asString().matches("\\d+");
    }

    @Test
    void theResendCooldownAnswersOnlyBehindTheProofOfWork() {
        assertThat(journey.requestCode("SMS", phone, "LOGIN").statusCode()).isEqualTo(202);
        // a free probe gets the same 428 as for any other number, not the 429 that would say "codes are going there"
        assertThat(journey.requestCodeWithoutPow("SMS", phone, "LOGIN").statusCode()).isEqualTo(428);
        assertThat(journey.requestCodeWithoutPow("SMS", CodeJourney.newMobile(), "LOGIN").statusCode()).isEqualTo(428);
        assertThat(journey.requestCode("SMS", phone, "LOGIN").statusCode()).isEqualTo(429);
    }

    @Test
    void aSolutionRefusedByTheResendCooldownIsSpent() {
        assertThat(journey.requestCode("SMS", phone, "LOGIN").statusCode()).isEqualTo(202);
        String pow = journey.solveChallenge();
        assertThat(requestWith(phone, pow).statusCode()).as("cooldown").isEqualTo(429);
        // otherwise one solution would probe the cooldown of any number of destinations
        assertThat(requestWith(CodeJourney.newMobile(), pow).statusCode()).as("the same solution again").isEqualTo(428);
    }

    private HttpResponse<String> requestWith(String destination, String pow) {
        return journey.post("/api/v1/otp/requests", "{\"channel\":\"SMS\",\"destination\":\"" + destination
                + "\",\"purpose\":\"LOGIN\",\"pow\":\"" + pow + "\"}", null);
    }

    @Test
    void aNewCodeRevokesTheOldOne() {
        String first = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String firstCode = journey.readCode(phone);
        TestClock.INSTANCE.advance(Duration.ofMinutes(11)); // past the cooldown and the first-contact interval
        String second = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String secondCode = journey.readCode(phone);
        assertThat(journey.verify(first, firstCode).statusCode()).isEqualTo(410);
        assertThat(journey.verify(second, secondCode).statusCode()).isEqualTo(200);
    }

    @Test
    void tenWrongCodesInAnHourLockVerificationForTheDestination() {
        for (int round = 0; round < 2; round++) {
            String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
            String code = journey.readCode(phone);
            String wrong = code.equals("000000") ? "111111" : "000000";
            for (int i = 0; i < 5; i++) {
                journey.verify(requestId, wrong);
            }
            TestClock.INSTANCE.advance(Duration.ofMinutes(11));
        }
        String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        HttpResponse<String> locked = journey.verify(requestId, journey.readCode(phone));
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aTokenIsBoundToItsPurposeAndSpentOnce() {
        String loginToken = journey.verificationToken(phone, "LOGIN");
        HttpResponse<String> wrongPurpose = journey.post("/api/v1/citizens", "{\"verificationToken\":\"" + loginToken + "\",\"name\":\"Ali\"}", null);
        assertThat(wrongPurpose.statusCode()).isBetween(400, 499);
        TestClock.INSTANCE.advance(Duration.ofMinutes(11));
        String signUp = journey.verificationToken(phone, "SIGN_UP");
        assertThat(journey.post("/api/v1/citizens", "{\"verificationToken\":\"" + signUp + "\",\"name\":\"Ali\"}", null).statusCode()).isEqualTo(201);
        assertThat(journey.post("/api/v1/citizens", "{\"verificationToken\":\"" + signUp + "\",\"name\":\"Ali\"}", null).statusCode())
                .isBetween(400, 499);
    }

    @Test
    void codesAreNeverStoredOrAuditedInClear() {
        String requestId = journey.field(journey.requestCode("SMS", phone, "LOGIN"), "requestId");
        String code = journey.readCode(phone);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM otp_code WHERE code_mac LIKE :c OR destination LIKE :c").param("c", "%" + code + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE details LIKE :c OR subject LIKE :p")
                .param("c", "%" + code + "%").param("p", "%" + phone.substring(3) + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE parameters LIKE :c").param("c", "%" + code + "%")
                .query(Long.class).single()).as("wiped once sent").isZero();
        assertThat(requestId).isNotBlank();
    }
}
