package my.benteng.account;

import my.benteng.account.internal.StaffService;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static my.benteng.account.Http.assertProblem;
import static my.benteng.account.Http.json;
import static my.benteng.account.Http.problemShape;
import static my.benteng.account.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Staff sign-in with password and TOTP, lockout, and staff administration over real HTTP; one subclass per database. */
abstract class StaffContract {

    @LocalServerPort
    int port;

    @Autowired
    StaffService staff;

    @Autowired
    TestClock clock;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    JdbcClient jdbc;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    HttpResponse<String> signIn(String json) {
        return http.post("/api/v1/staff/sessions", json);
    }

    String sessionOf(StaffFixture member) {
        HttpResponse<String> r = signIn(member.signInJson(clock.instant()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(30)); // the next sign-in of this member needs a fresh TOTP step
        return json(r).path("sessionToken").asString();
    }

    @Test
    void passwordAndCurrentCodeGiveAStaffSession() {
        StaffFixture officer = StaffFixture.create(staff, "HEALTH_OFFICER");
        HttpResponse<String> r = signIn(officer.signInJson(clock.instant()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(Instant.parse(body.path("expiresAt").asString())).isBefore(clock.instant().plus(Duration.ofHours(8).plusMinutes(1)));
        JsonNode me = json(http.get("/api/v1/me", body.path("sessionToken").asString()));
        assertThat(me.path("kind").asString()).isEqualTo("STAFF");
        assertThat(me.path("id").asString()).isEqualTo(officer.id());
        assertThat(me.path("roles").toString()).isEqualTo("[\"HEALTH_OFFICER\"]");
    }

    @Test
    void theCodeOfTheNeighbouringStepIsAcceptedForClockDrift() {
        StaffFixture officer = StaffFixture.create(staff, "HEALTH_OFFICER");
        assertThat(signIn(officer.signInJson(clock.instant().minusSeconds(30))).statusCode()).isEqualTo(200);
        StaffFixture other = StaffFixture.create(staff, "HEALTH_OFFICER");
        assertProblem(signIn(other.signInJson(clock.instant().minusSeconds(90))), 401, "sign-in-failed");
    }

    @Test
    void everyWrongFactorGetsTheSameProblem() {
        StaffFixture officer = StaffFixture.create(staff, "HELPDESK_AGENT");
        String code = officer.totp(clock.instant());
        String wrongCode = code.equals("000000") ? "111111" : "000000";
        HttpResponse<String> wrongPassword = signIn(officer.signInJson("not the password at all", code));
        HttpResponse<String> wrongTotp = signIn(officer.signInJson(officer.password(), wrongCode));
        HttpResponse<String> unknownUser = signIn("{\"username\":\"nobody-" + officer.username() + "\",\"password\":" + q(officer.password())
                + ",\"totp\":" + q(code) + "}");
        HttpResponse<String> missingTotp = signIn("{\"username\":" + q(officer.username()) + ",\"password\":" + q(officer.password()) + "}");
        assertProblem(wrongPassword, 401, "sign-in-failed");
        assertThat(problemShape(wrongTotp)).isEqualTo(problemShape(wrongPassword));
        assertThat(problemShape(unknownUser)).isEqualTo(problemShape(wrongPassword));
        assertThat(problemShape(missingTotp)).isEqualTo(problemShape(wrongPassword));
        assertThat(wrongPassword.body()).doesNotContain(officer.username()).doesNotContain(code);
    }

    @Test
    void aCodeCannotBeUsedTwice() {
        StaffFixture officer = StaffFixture.create(staff, "SECURITY_ANALYST");
        String json = officer.signInJson(clock.instant());
        assertThat(signIn(json).statusCode()).isEqualTo(200);
        assertProblem(signIn(json), 401, "sign-in-failed");
        // nor an older one once a later step was used
        clock.advance(Duration.ofSeconds(30));
        assertThat(signIn(officer.signInJson(clock.instant())).statusCode()).isEqualTo(200);
        assertProblem(signIn(officer.signInJson(clock.instant().minusSeconds(30))), 401, "sign-in-failed");
    }

    @Test
    void fiveFailuresLockTheUsernameForFifteenMinutes() {
        StaffFixture officer = StaffFixture.create(staff, "HEALTH_OFFICER");
        for (int i = 1; i <= 4; i++) {
            assertProblem(signIn(officer.signInJson("wrong password " + i, officer.totp(clock.instant()))), 401, "sign-in-failed");
        }
        HttpResponse<String> fifth = signIn(officer.signInJson("wrong password 5", officer.totp(clock.instant())));
        assertProblem(fifth, 429, "sign-in-locked");
        HttpResponse<String> right = signIn(officer.signInJson(clock.instant()));
        assertProblem(right, 429, "sign-in-locked");
        long retryAfter = Long.parseLong(right.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(850L, 900L);

        clock.advance(Duration.ofMinutes(14));
        assertProblem(signIn(officer.signInJson(clock.instant())), 429, "sign-in-locked");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(signIn(officer.signInJson(clock.instant())).statusCode()).isEqualTo(200);
        assertThat(auditCount("authn_login_lock")).isPositive();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        StaffFixture officer = StaffFixture.create(staff, "HEALTH_OFFICER");
        for (int i = 0; i < 4; i++) {
            signIn(officer.signInJson("wrong password " + i, "123456"));
        }
        sessionOf(officer);
        for (int i = 0; i < 4; i++) {
            assertProblem(signIn(officer.signInJson("wrong password " + i, "123456")), 401, "sign-in-failed");
        }
    }

    @Test
    void anUnknownUsernameLocksExactlyLikeAKnownOne() {
        String json = "{\"username\":\"no-such-user-" + System.nanoTime() + "\",\"password\":\"whatever password\",\"totp\":\"123456\"}";
        for (int i = 1; i <= 4; i++) {
            assertProblem(signIn(json), 401, "sign-in-failed");
        }
        assertProblem(signIn(json), 429, "sign-in-locked");
    }

    @Test
    void anOperatorCreatesAHealthOfficerWhoCanSignIn() {
        String operator = sessionOf(StaffFixture.create(staff, "OPERATOR"));
        String username = "officer-" + System.nanoTime();
        HttpResponse<String> created = http.post("/api/v1/staff", "{\"username\":" + q(username)
                + ",\"roles\":[\"HEALTH_OFFICER\"],\"password\":\"a long and unusual passphrase\"}", operator);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        JsonNode body = json(created);
        assertThat(body.path("otpauthUri").asString()).startsWith("otpauth://totp/Benteng:" + username + "?secret=");
        StaffFixture officer = StaffFixture.fromUri(body.path("staffId").asString(), username, "a long and unusual passphrase",
                body.path("otpauthUri").asString());
        String session = sessionOf(officer);
        assertThat(json(http.get("/api/v1/me", session)).path("roles").toString()).isEqualTo("[\"HEALTH_OFFICER\"]");
        // the secret is stored encrypted, not as the base32 the app got
        String stored = jdbc.sql("SELECT totp_secret FROM staff WHERE id = :id").param("id", officer.id()).query(String.class).single();
        assertThat(stored).doesNotContain(body.path("otpauthUri").asString().replaceAll(".*secret=([A-Z2-7]+).*", "$1"));

        assertProblem(http.post("/api/v1/staff", "{\"username\":" + q(username)
                + ",\"roles\":[\"HEALTH_OFFICER\"],\"password\":\"a long and unusual passphrase\"}", operator), 409, "username-taken");
    }

    @Test
    void onlyOperatorsAdministerStaff() {
        String officer = sessionOf(StaffFixture.create(staff, "HEALTH_OFFICER", "SECURITY_ANALYST"));
        String json = "{\"username\":\"someone-" + System.nanoTime() + "\",\"roles\":[\"OPERATOR\"],\"password\":\"a long and unusual passphrase\"}";
        assertProblem(http.post("/api/v1/staff", json, officer), 403, "forbidden");
        assertProblem(http.post("/api/v1/staff", json, null), 401, "unauthenticated");
        String citizen = json(http.post("/api/v1/citizens", "{\"verificationToken\":" + q(tokens.issue(CitizenSessionContract.newPhone(), "SIGN_UP"))
                + ",\"name\":\"Ali\"}")).path("sessionToken").asString();
        assertProblem(http.post("/api/v1/staff", json, citizen), 403, "forbidden");
        assertProblem(http.delete("/api/v1/staff/00000000-0000-4000-8000-000000000000", officer), 403, "forbidden");
    }

    @Test
    void aDisabledMemberLosesTheirSessionsAndCannotSignIn() {
        String operator = sessionOf(StaffFixture.create(staff, "OPERATOR"));
        StaffFixture officer = StaffFixture.create(staff, "HEALTH_OFFICER");
        String session = sessionOf(officer);
        assertThat(http.get("/api/v1/me", session).statusCode()).isEqualTo(200);
        assertThat(http.delete("/api/v1/staff/" + officer.id(), operator).statusCode()).isEqualTo(204);
        assertProblem(http.get("/api/v1/me", session), 401, "invalid-token");
        assertProblem(signIn(officer.signInJson(clock.instant())), 401, "sign-in-failed");
        assertProblem(http.delete("/api/v1/staff/not-an-id", operator), 404, "not-found");
    }

    @Test
    void weakPasswordsAndUnknownRolesAreRefused() {
        String operator = sessionOf(StaffFixture.create(staff, "OPERATOR"));
        String u = "new-" + System.nanoTime();
        for (String body : new String[] {
                "{\"username\":\"" + u + "\",\"roles\":[\"HEALTH_OFFICER\"],\"password\":\"short\"}",
                "{\"username\":\"" + u + "\",\"roles\":[\"HEALTH_OFFICER\"],\"password\":\"password1234\"}",
                "{\"username\":\"" + u + "\",\"roles\":[\"HEALTH_OFFICER\"],\"password\":\"" + u + "-secret\"}",
                "{\"username\":\"" + u + "\",\"roles\":[\"HEALTH_OFFICER\"],\"password\":\"" + "x".repeat(129) + "\"}",
                "{\"username\":\"" + u + "\",\"roles\":[\"ROOT\"],\"password\":\"a long and unusual passphrase\"}",
                "{\"username\":\"" + u + "\",\"roles\":[],\"password\":\"a long and unusual passphrase\"}",
                "{\"username\":\"A B\",\"roles\":[\"HEALTH_OFFICER\"],\"password\":\"a long and unusual passphrase\"}"}) {
            HttpResponse<String> r = http.post("/api/v1/staff", body, operator);
            assertProblem(r, 400, "invalid-request");
            assertThat(r.body()).doesNotContain("short").doesNotContain("password1234").doesNotContain("xxxx").doesNotContain("ROOT");
        }
    }

    private long auditCount(String event) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = :e").param("e", event).query(Long.class).single();
    }
}
