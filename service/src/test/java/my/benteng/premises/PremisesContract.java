package my.benteng.premises;

import my.benteng.platform.Contact;
import my.benteng.testing.ApiClient;
import my.benteng.testing.PremisesFixture;
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

/** Premises registration, owner sessions, QR re-issue and the daily limits over real HTTP; run on each database. */
abstract class PremisesContract {

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    my.benteng.premises.PremisesDirectory directory;

    @Autowired
    my.benteng.testing.TestClock clock;

    ApiClient api;
    PremisesFixture fixture;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        fixture = new PremisesFixture(api, tokens);
    }

    @Test
    void registrationReturnsTheIdAQrUrlAndAnOwnerSession() {
        HttpResponse<String> r = fixture.registerRaw(PremisesFixture.newPhone(), "Restoran Nasi Kandar 24 Jam");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(r.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        var body = json(r);
        String id = body.path("premisesId").asString();
        assertThat(PremisesId.isValid(id)).isTrue();
        assertThat(body.path("qrUrl").asString()).matches("http://localhost:8080/c/[A-Za-z0-9_-]{51}");
        QrToken token = QrToken.parse(body.path("qrUrl").asString()).orElseThrow();
        assertThat(token.premisesId().value()).isEqualTo(id);
        assertThat(token.version()).isEqualTo(1);

        HttpResponse<String> me = api.get("/api/v1/me", body.path("sessionToken").asString());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("name").asString()).isEqualTo("Pemilik Premis");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'sensitive_create' AND subject = :s")
                .param("s", "premises:" + id).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aCitizenWhoRegistersPremisesKeepsTheirAccount() {
        Contact phone = PremisesFixture.newPhone();
        HttpResponse<String> signUp = api.post("/api/v1/citizens", "{\"verificationToken\":" + q(tokens.issue(phone, "SIGN_UP"))
                + ",\"name\":\"Siti Nurhaliza\"}");
        String citizenId = json(signUp).path("citizenId").asString();

        PremisesFixture.Registered first = fixture.register(phone, "Kedai Runcit Siti");
        PremisesFixture.Registered second = fixture.register(phone, "Kedai Runcit Siti 2");

        for (String session : new String[]{first.ownerSession(), second.ownerSession()}) {
            var me = json(api.get("/api/v1/me", session));
            assertThat(me.path("citizenId").asString()).isEqualTo(citizenId);
            assertThat(me.path("name").asString()).isEqualTo("Siti Nurhaliza");
        }
    }

    @Test
    void reissuingTheQrGivesANewVersionAndIsAudited() {
        PremisesFixture.Registered p = fixture.register("Klinik Kesihatan Ampang");
        HttpResponse<String> r = api.post("/api/v1/premises/" + p.premisesId() + "/qr", "", p.ownerSession());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String url = json(r).path("qrUrl").asString();
        assertThat(url).isNotEqualTo(p.qrUrl());
        assertThat(QrToken.parse(url).orElseThrow().version()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'sensitive_update' AND subject = :s")
                .param("s", "premises:" + p.premisesId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void onlyTheOwnerManagesAPremisesAndStrangersSeeNotFound() {
        PremisesFixture.Registered p = fixture.register("Masjid Jamek");
        PremisesFixture.Registered other = fixture.register("Surau Al-Ikhlas");
        String citizen = fixture.citizen();
        HttpResponse<String> foreign = api.post("/api/v1/premises/" + p.premisesId() + "/qr", "", other.ownerSession());
        HttpResponse<String> byCitizen = api.post("/api/v1/premises/" + p.premisesId() + "/qr", "", citizen);
        HttpResponse<String> unknown = api.post("/api/v1/premises/00000000-0000-4000-8000-000000000000/qr", "", other.ownerSession());
        HttpResponse<String> garbage = api.post("/api/v1/premises/..%2F..%2Fx/qr", "", other.ownerSession());
        for (HttpResponse<String> r : java.util.List.of(foreign, byCitizen, unknown)) {
            assertProblem(r, 404, "not-found");
            assertThat(ApiClient.problemShape(r)).isEqualTo(ApiClient.problemShape(foreign));
        }
        assertThat(garbage.statusCode()).isIn(400, 404);
        assertThat(api.post("/api/v1/premises/" + p.premisesId() + "/qr", "", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aVerificationTokenOfAnotherPurposeOrSpentIsRefused() {
        Contact phone = PremisesFixture.newPhone();
        assertProblem(api.post("/api/v1/premises", PremisesFixture.body(tokens.issue(phone, "SIGN_UP"), "Kedai A")), 401, "verification-failed");
        String token = tokens.issue(phone, "PREMISES_OWNER");
        assertThat(api.post("/api/v1/premises", PremisesFixture.body(token, "Kedai B")).statusCode()).isEqualTo(201);
        assertProblem(api.post("/api/v1/premises", PremisesFixture.body(token, "Kedai C")), 401, "verification-failed");
        assertProblem(api.post("/api/v1/premises", PremisesFixture.body("x".repeat(40), "Kedai D")), 401, "verification-failed");
    }

    @Test
    void oneOwnerRegistersAtMostFivePremisesADay() {
        Contact phone = PremisesFixture.newPhone();
        for (int i = 1; i <= 5; i++) {
            fixture.register(phone, "Cawangan " + i);
        }
        HttpResponse<String> sixth = fixture.registerRaw(phone, "Cawangan 6");
        assertProblem(sixth, 429, "too-many-requests");
        assertThat(sixth.headers().firstValue("Retry-After")).get().asString().matches("[1-9][0-9]*");
        assertThat(fixture.registerRaw(PremisesFixture.newPhone(), "Another owner").statusCode()).isEqualTo(201);
    }

    @Test
    void oneAddressMakesAtMostTwentyRegistrationsADay() {
        for (int i = 1; i <= 20; i++) {
            fixture.register("Gerai " + i);
        }
        HttpResponse<String> next = fixture.registerRaw(PremisesFixture.newPhone(), "Gerai 21");
        assertProblem(next, 429, "too-many-requests");
        assertThat(next.headers().firstValue("Retry-After")).isPresent();
        assertThat(new PremisesFixture(new ApiClient(port), tokens).registerRaw(PremisesFixture.newPhone(), "Elsewhere").statusCode())
                .isEqualTo(201);
    }

    @Test
    void aQrRevokedOnAnotherNodeStopsWorkingHereWithinTheVerifyCacheTtl() {
        PremisesFixture.Registered p = fixture.register("Kedai Buku Popular");
        QrToken token = QrToken.parse(p.qrUrl()).orElseThrow();
        assertThat(directory.verify(token)).get().extracting(CheckinSite::name).isEqualTo("Kedai Buku Popular");

        // another node re-issues the QR: this node's copy does not know yet
        jdbc.sql("UPDATE premises SET qr_version = qr_version + 1 WHERE id = :id").param("id", p.premisesId()).update();
        clock.advance(java.time.Duration.ofSeconds(4));
        assertThat(directory.verify(token)).as("within the 5 s TTL the copy still answers").isPresent();
        clock.advance(java.time.Duration.ofSeconds(1));
        assertThat(directory.verify(token)).as("at 5 s the revocation holds").isEmpty();
        assertThat(directory.verify(QrToken.parse(p.qrUrl()).orElseThrow())).isEmpty();
    }

    @Test
    void aQrReissuedOnThisNodeStopsWorkingAtOnce() {
        PremisesFixture.Registered p = fixture.register("Farmasi Alpro");
        QrToken old = QrToken.parse(p.qrUrl()).orElseThrow();
        assertThat(directory.verify(old)).isPresent();
        String current = json(api.post("/api/v1/premises/" + p.premisesId() + "/qr", "", p.ownerSession())).path("qrUrl").asString();
        assertThat(directory.verify(old)).isEmpty();
        assertThat(directory.verify(QrToken.parse(current).orElseThrow())).get().extracting(CheckinSite::name).isEqualTo("Farmasi Alpro");
    }
}
