package my.benteng.account;

import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import static my.benteng.account.Http.assertProblem;
import static my.benteng.account.Http.json;
import static my.benteng.account.Http.problemShape;
import static my.benteng.account.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Citizen sign-up, sign-in, sessions and expiry over real HTTP; run on each database by a subclass. */
abstract class CitizenSessionContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    TestClock clock;

    @Autowired
    Citizens citizens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    my.benteng.account.internal.SessionTouches touches;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    static Contact newPhone() {
        return Contact.of(PhoneNumber.parse("+6012" + (1_000_000 + RANDOM.nextInt(8_999_999))));
    }

    HttpResponse<String> signUp(Contact contact, String name) {
        return http.post("/api/v1/citizens", "{\"verificationToken\":" + q(tokens.issue(contact, "SIGN_UP")) + ",\"name\":" + q(name) + "}");
    }

    String signIn(Contact contact) {
        HttpResponse<String> r = http.post("/api/v1/sessions", "{\"verificationToken\":" + q(tokens.issue(contact, "LOGIN")) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("sessionToken").asString();
    }

    HttpResponse<String> enter(String token, String name) {
        return http.post("/api/v1/citizen-sessions", "{\"verificationToken\":" + q(token) + (name == null ? "" : ",\"name\":" + q(name)) + "}");
    }

    @Test
    void oneLoginTokenSignsInAnExistingCitizenWithoutAName() {
        Contact phone = newPhone();
        String citizenId = json(signUp(phone, "Aminah binti Ali")).path("citizenId").asString();
        HttpResponse<String> r = enter(tokens.issue(phone, "LOGIN"), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("citizenId").asString()).isEqualTo(citizenId);
        assertThat(json(r).path("created").asBoolean()).isFalse();
        assertThat(http.get("/api/v1/me", json(r).path("sessionToken").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aNewNumberIsAskedForANameAndTheSameTokenThenCreatesTheAccount() {
        Contact phone = newPhone();
        String token = tokens.issue(phone, "LOGIN");
        assertProblem(enter(token, null), 422, "name-required");
        assertThat(citizens.findByContact(phone)).isEmpty();
        HttpResponse<String> created = enter(token, "Tan Mei Ling");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("created").asBoolean()).isTrue();
        assertThat(citizens.findByContact(phone)).get().extracting(Citizen::name).isEqualTo("Tan Mei Ling");
        // single use: the token that made the account cannot make a second session
        assertProblem(enter(token, "Tan Mei Ling"), 401, "verification-failed");
    }

    @Test
    void enterRefusesBadTokensAndNamesWithoutSpendingOrEchoing() {
        assertProblem(enter("not-a-token-<script>", null), 401, "verification-failed");
        assertProblem(enter(tokens.issue(newPhone(), "SIGN_UP"), "Ali"), 401, "verification-failed"); // wrong purpose
        Contact phone = newPhone();
        String token = tokens.issue(phone, "LOGIN");
        HttpResponse<String> badName = enter(token, "<img src=x onerror=alert(1)>");
        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).doesNotContain("onerror");
        assertThat(enter(token, "Ali bin Abu").statusCode()).isEqualTo(201); // the bad name did not spend it
        HttpResponse<String> huge = enter("x".repeat(5000), "y".repeat(5000));
        assertThat(huge.statusCode()).isBetween(400, 499);
        assertThat(huge.body()).doesNotContain("xxxxxxxx");
    }

    @Test
    void signUpGivesASessionThatWorksUntilSignOut() {
        Contact phone = newPhone();
        HttpResponse<String> created = signUp(phone, "  Siti Nurhaliza  binti Tarudin ");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        JsonNode body = json(created);
        String token = body.path("sessionToken").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(Instant.parse(body.path("expiresAt").asString())).isAfter(clock.instant().plus(Duration.ofHours(11)));

        HttpResponse<String> me = http.get("/api/v1/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("citizenId").asString()).isEqualTo(body.path("citizenId").asString());
        assertThat(json(me).path("name").asString()).isEqualTo("Siti Nurhaliza binti Tarudin");
        assertThat(json(me).path("contact").asString()).isEqualTo(phone.toString()).doesNotContain(phone.value());

        assertThat(http.delete("/api/v1/sessions/current", token).statusCode()).isEqualTo(204);
        assertProblem(http.get("/api/v1/me", token), 401, "invalid-token");
        assertProblem(http.delete("/api/v1/sessions/current", token), 401, "invalid-token");
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() {
        String token = json(signUp(newPhone(), "Tan Ah Kow")).path("sessionToken").asString();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_session WHERE token_hash = :t OR id = :t").param("t", token)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM account_session WHERE token_hash = :h").param("h", sha256Hex(token))
                .query(Long.class).single()).isOne();
        assertThat(http.get("/api/v1/me", token).statusCode()).isEqualTo(200);
    }

    @Test
    void anExistingCitizenSignsInWithALoginToken() {
        Contact email = Contact.of(EmailAddress.parse("citizen" + RANDOM.nextInt(1_000_000) + "@example.my"));
        String citizenId = json(signUp(email, "Muthu a/l Rajan")).path("citizenId").asString();
        String token = signIn(email);
        assertThat(json(http.get("/api/v1/me", token)).path("citizenId").asString()).isEqualTo(citizenId);
    }

    @Test
    void anUnknownContactGetsTheSameAnswerAsABadToken() {
        HttpResponse<String> unknown = http.post("/api/v1/sessions", "{\"verificationToken\":" + q(tokens.issue(newPhone(), "LOGIN")) + "}");
        HttpResponse<String> bad = http.post("/api/v1/sessions", "{\"verificationToken\":\"" + "A".repeat(43) + "\"}");
        assertProblem(unknown, 401, "verification-failed");
        assertThat(problemShape(unknown)).isEqualTo(problemShape(bad));
    }

    @Test
    void aTokenForAnotherPurposeIsRefused() {
        Contact phone = newPhone();
        assertProblem(http.post("/api/v1/citizens", "{\"verificationToken\":" + q(tokens.issue(phone, "LOGIN")) + ",\"name\":\"Ali\"}"),
                401, "verification-failed");
        signUp(phone, "Ali");
        assertProblem(http.post("/api/v1/sessions", "{\"verificationToken\":" + q(tokens.issue(phone, "SIGN_UP")) + "}"),
                401, "verification-failed");
    }

    @Test
    void aVerificationTokenWorksOnce() {
        Contact phone = newPhone();
        signUp(phone, "Ali");
        String login = tokens.issue(phone, "LOGIN");
        assertThat(http.post("/api/v1/sessions", "{\"verificationToken\":" + q(login) + "}").statusCode()).isEqualTo(200);
        assertProblem(http.post("/api/v1/sessions", "{\"verificationToken\":" + q(login) + "}"), 401, "verification-failed");
    }

    @Test
    void aRegisteredContactCannotSignUpAgain() {
        Contact phone = newPhone();
        assertThat(signUp(phone, "First").statusCode()).isEqualTo(201);
        HttpResponse<String> again = signUp(phone, "Second");
        assertProblem(again, 409, "already-registered");
        assertThat(again.body()).doesNotContain(phone.value());
    }

    @Test
    void aBadNameDoesNotSpendTheToken() {
        Contact phone = newPhone();
        String token = tokens.issue(phone, "SIGN_UP");
        assertProblem(http.post("/api/v1/citizens", "{\"verificationToken\":" + q(token) + ",\"name\":\"<b>\"}"), 400, "invalid-request");
        assertThat(http.post("/api/v1/citizens", "{\"verificationToken\":" + q(token) + ",\"name\":\"Ali\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void anUnusedSessionEndsAfterTheIdleTimeout() {
        String token = json(signUp(newPhone(), "Idle User")).path("sessionToken").asString();
        clock.advance(Duration.ofMinutes(29));
        assertThat(http.get("/api/v1/me", token).statusCode()).isEqualTo(200); // records the use
        clock.advance(Duration.ofMinutes(29));
        assertThat(http.get("/api/v1/me", token).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));
        assertProblem(http.get("/api/v1/me", token), 401, "invalid-token");
        clock.reset();
        assertProblem(http.get("/api/v1/me", token), 401, "invalid-token"); // ended for good, not just "in the future"
    }

    @Test
    void aBusySessionStillEndsAtItsAbsoluteExpiry() {
        String token = json(signUp(newPhone(), "Busy User")).path("sessionToken").asString();
        for (int i = 0; i < 35; i++) { // 35 x 20 min = 11 h 40 min
            clock.advance(Duration.ofMinutes(20));
            assertThat(http.get("/api/v1/me", token).statusCode()).as("after %d min", (i + 1) * 20).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(20));
        assertProblem(http.get("/api/v1/me", token), 401, "invalid-token");
    }

    @Test
    void lastUseIsWrittenAtMostOncePerMinute() {
        String token = json(signUp(newPhone(), "Quiet User")).path("sessionToken").asString();
        String id = jdbc.sql("SELECT id FROM account_session WHERE token_hash = :h").param("h", sha256Hex(token)).query(String.class).single();
        long before = lastUsed(id);
        clock.advance(Duration.ofSeconds(30));
        http.get("/api/v1/me", token);
        assertThat(lastUsed(id)).isEqualTo(before);
        clock.advance(Duration.ofSeconds(31));
        http.get("/api/v1/me", token);
        assertThat(lastUsed(id)).isGreaterThan(before);
    }

    @Test
    void otherModulesFindACitizenAndTheContactOnTheAccount() {
        Contact phone = newPhone();
        CitizenId id = new CitizenId(json(signUp(phone, "Lim Mei Ling")).path("citizenId").asString());
        assertThat(citizens.find(id)).get().extracting(Citizen::name).isEqualTo("Lim Mei Ling");
        assertThat(citizens.contactOf(id)).contains(phone);
        assertThat(citizens.findByContact(phone)).get().extracting(Citizen::id).isEqualTo(id);
        assertThat(citizens.findByContact(newPhone())).isEmpty();
        assertThat(citizens.find(id).orElseThrow().toString()).doesNotContain("Lim").doesNotContain(phone.value());
    }

    private static String sha256Hex(String token) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long lastUsed(String sessionId) {
        touches.flush(); // the last use is written in the background; settle it first
        return jdbc.sql("SELECT last_used_at FROM account_session WHERE id = :id").param("id", sessionId).query(Long.class).single();
    }
}
