package my.benteng.account;

import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.List;

import static my.benteng.account.Http.assertProblem;
import static my.benteng.account.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Bad, oversized and hostile input on every account endpoint: always a 4xx problem, never a 500, never an echo. */
@SqliteIntegrationTest
class AccountHostileInputSqliteIntegrationTest {

    private static final String MARKER = "EVILMARKER";

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    private String signUpToken() {
        return q(tokens.issue(CitizenSessionContract.newPhone(), "SIGN_UP"));
    }

    @Test
    void hostileNamesAreRefusedWithoutEcho() {
        for (String name : List.of(MARKER + "\r\nSet-Cookie: x=1", MARKER + "\u0000", MARKER.repeat(1000), "A".repeat(101),
                "<script>" + MARKER + "</script>", MARKER + "\u202e", MARKER + "1", "   ", "", "'.-@/", MARKER + "\u0085")) {
            HttpResponse<String> r = http.post("/api/v1/citizens", "{\"verificationToken\":" + signUpToken() + ",\"name\":" + q(name) + "}");
            assertProblem(r, 400, "invalid-request");
            assertThat(r.body()).contains("\"field\":\"name\"").doesNotContain(MARKER).doesNotContain("script");
        }
    }

    @Test
    void namesInOtherScriptsAndWithMarksAreAccepted() {
        for (String name : List.of("Nur Aisyah binti Abd. Rahman", "Ahmad @ Ah Meng", "Rajesh a/l Subramaniam", "O'Brien-Tan",
                "陈美玲", "ராஜேஷ்", "Zoë Nguyễn", "A".repeat(100))) {
            HttpResponse<String> r = http.post("/api/v1/citizens", "{\"verificationToken\":" + signUpToken() + ",\"name\":" + q(name) + "}");
            assertThat(r.statusCode()).as(name).isEqualTo(201);
        }
    }

    @Test
    void wrongJsonTypesAndShapesAre400() {
        for (String body : List.of("{\"verificationToken\":" + signUpToken() + ",\"name\":{\"x\":1}}",
                "{\"verificationToken\":[1,2],\"name\":\"Ali\"}",
                "{\"verificationToken\":" + signUpToken() + ",\"name\":\"Ali\",\"admin\":true}",
                "[]", "\"" + MARKER + "\"", "{\"verificationToken\":" + signUpToken() + ",\"name\":\"Ali\"", "null")) {
            HttpResponse<String> r = http.post("/api/v1/citizens", body);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).doesNotContain(MARKER).doesNotContain("Exception");
        }
        // a number where the contract says string is not coerced to "12345": the body does not have the contract's shape
        HttpResponse<String> number = http.post("/api/v1/citizens", "{\"verificationToken\":" + signUpToken() + ",\"name\":12345}");
        assertProblem(number, 400, "malformed-body");
        HttpResponse<String> missing = http.post("/api/v1/citizens", "{\"name\":\"Ali\"}");
        assertProblem(missing, 400, "invalid-request");
        assertThat(missing.body()).contains("\"field\":\"verificationToken\"");
    }

    @Test
    void hostileVerificationTokensAreTheGenericRefusal() {
        for (String token : List.of(MARKER + "\r\n", MARKER.repeat(2000), "", "../../" + MARKER, "' OR 1=1 --" + MARKER)) {
            HttpResponse<String> r = http.post("/api/v1/sessions", "{\"verificationToken\":" + q(token) + "}");
            assertProblem(r, 401, "verification-failed");
            assertThat(r.body()).doesNotContain(MARKER);
        }
    }

    @Test
    void hostileStaffSignInsAreTheGenericRefusal() {
        for (String body : List.of(
                "{\"username\":" + q(MARKER + "\r\nadmin") + ",\"password\":\"x\",\"totp\":\"123456\"}",
                "{\"username\":" + q(MARKER.repeat(1000)) + ",\"password\":" + q(MARKER.repeat(1000)) + ",\"totp\":" + q(MARKER) + "}",
                "{\"username\":null,\"password\":null,\"totp\":null}",
                "{}")) {
            HttpResponse<String> r = http.post("/api/v1/staff/sessions", body);
            assertProblem(r, 401, "sign-in-failed");
            assertThat(r.body()).doesNotContain(MARKER);
        }
        assertThat(http.post("/api/v1/staff/sessions", "{\"username\":[\"a\"],\"password\":1,\"totp\":{}}").statusCode()).isEqualTo(400);
    }

    @Test
    void oversizedBodiesAre413() {
        HttpResponse<String> r = http.post("/api/v1/citizens", "{\"verificationToken\":\"x\",\"name\":" + q("A".repeat(70_000)) + "}");
        assertProblem(r, 413, "payload-too-large");
    }

    @Test
    void accountEndpointsNeedTheRightCaller() {
        assertProblem(http.get("/api/v1/me", null), 401, "unauthenticated");
        assertProblem(http.delete("/api/v1/sessions/current", null), 401, "unauthenticated");
        assertProblem(http.post("/api/v1/staff", "{}", null), 401, "unauthenticated");
        assertProblem(http.get("/api/v1/me", "A".repeat(43)), 401, "invalid-token");
    }
}
