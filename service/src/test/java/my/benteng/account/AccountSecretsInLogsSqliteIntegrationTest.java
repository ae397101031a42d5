package my.benteng.account;

import my.benteng.account.internal.StaffService;
import my.benteng.platform.Contact;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static my.benteng.account.Http.json;
import static my.benteng.account.Http.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Passwords, session tokens, verification tokens, TOTP secrets and whole contacts never reach the logs. */
@SqliteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AccountSecretsInLogsSqliteIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    StaffService staff;

    @Autowired
    TestClock clock;

    @Test
    void noSecretOrContactIsLogged(CapturedOutput output) {
        Http http = new Http(port);
        Contact phone = CitizenSessionContract.newPhone();
        String signUpToken = tokens.issue(phone, "SIGN_UP");
        String session = json(http.post("/api/v1/citizens", "{\"verificationToken\":" + q(signUpToken) + ",\"name\":\"Ali\"}"))
                .path("sessionToken").asString();
        http.get("/api/v1/me", session);
        http.delete("/api/v1/sessions/current", session);
        http.get("/api/v1/me", session);

        StaffFixture officer = StaffFixture.create(staff, "HEALTH_OFFICER");
        http.post("/api/v1/staff/sessions", officer.signInJson("wrong but long password", "123456"));
        String code = officer.totp(clock.instant());
        HttpResponse<String> signedIn = http.post("/api/v1/staff/sessions", officer.signInJson(officer.password(), code));
        String staffSession = json(signedIn).path("sessionToken").asString();

        assertThat(output.getAll()).doesNotContain(signUpToken).doesNotContain(session).doesNotContain(staffSession)
                .doesNotContain(phone.value()).doesNotContain(officer.password()).doesNotContain("wrong but long password")
                .doesNotContain(Http.JSON.writeValueAsString(officer.secret()))
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(officer.secret()));
        assertThat(output.getAll()).contains("event=authn_login_success");
    }
}
