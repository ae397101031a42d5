package my.benteng.ekyc.internal;

import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.ApiClient;
import my.benteng.testing.SyntheticCards;
import my.benteng.testing.SyntheticMyKad;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** The eKYC vault over real HTTP on each database: consent, sessions, answers, renditions, forgetting. */
abstract class EkycContract {

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
    @Autowired
    Vault vault;
    @Autowired
    BlobStore blobs;
    @Autowired
    ForensicWatermark watermark;

    EkycFixture fixture;
    final Random random = new Random();

    @BeforeEach
    void setUp() {
        fixture = new EkycFixture(port, staff, sessions, tokens, dispatcher);
    }

    byte[] cardJpeg() {
        return SyntheticCards.jpeg(SyntheticCards.card(random.nextLong(), 1000), 0.9f);
    }

    /** A relying party with a consented citizen and one stored session. */
    record Stored(RelyingPartyClient party, EkycFixture.Citizen citizen, String consent, String myKad, String sessionId, String frontId,
                  String backId) {
    }

    Stored stored(String retention) {
        RelyingPartyClient party = fixture.relyingParty(retention, "2001:db8::/32");
        EkycFixture.Citizen citizen = fixture.citizen("Aminah binti Ali");
        String consent = fixture.consent(citizen, party, EkycFixture.PURPOSE);
        String myKad = SyntheticMyKad.of(LocalDate.of(1990, 5, 17), false, random);
        HttpResponse<String> r = party.session(myKad, consent, cardJpeg(), SyntheticCards.withExif(cardJpeg()));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var body = json(r);
        return new Stored(party, citizen, consent, myKad, body.path("sessionId").asString(), body.path("frontImageId").asString(),
                body.path("backImageId").asString());
    }

    long audits(String event, String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = :e AND subject = :s").param("e", event).param("s", subject)
                .query(Long.class).single();
    }

    @Test
    void aConsentedSessionAnswersYesNoQuestionsWithoutReturningData() {
        Stored s = stored("P30D");
        assertThat(s.sessionId()).matches("[0-9a-f-]{36}");
        HttpResponse<String> yes = s.party().verify("{\"consentReference\":" + q(s.consent()) + ",\"name\":\"AMINAH  BINTI ALI\","
                + "\"dateOfBirth\":\"1990-05-17\",\"myKadNumber\":" + q(s.myKad()) + ",\"ageAtLeast\":18}");
        assertThat(yes.statusCode()).as(yes.body()).isEqualTo(200);
        assertThat(json(yes).path("matches").path("name").asBoolean()).isTrue();
        assertThat(json(yes).path("matches").path("dateOfBirth").asBoolean()).isTrue();
        assertThat(json(yes).path("matches").path("myKadNumber").asBoolean()).isTrue();
        assertThat(json(yes).path("matches").path("ageAtLeast").asBoolean()).isTrue();
        HttpResponse<String> no = s.party().verify("{\"consentReference\":" + q(s.consent()) + ",\"name\":\"Tan Ah Kow\","
                + "\"dateOfBirth\":\"1990-05-18\",\"myKadNumber\":\"900517105012\",\"ageAtLeast\":40}");
        assertThat(no.statusCode()).as(no.body()).isEqualTo(200);
        assertThat(json(no).path("matches").properties()).allSatisfy(e -> assertThat(e.getValue().asBoolean()).isFalse());
        // answers only: neither the stored number nor the name nor the birth date appears
        assertThat(yes.body() + no.body()).doesNotContain(s.myKad().substring(0, 6)).doesNotContain("Aminah").doesNotContain("1990-05-17\"");
        assertThat(audits("sensitive_read", "ekyc-record:" + s.sessionId())).isEqualTo(2);
        assertThat(audits("sensitive_create", "ekyc-record:" + s.sessionId())).isEqualTo(1);
        // the database holds the number only as a keyed hash and sealed
        String row = jdbc.sql("SELECT mykad_hmac || '|' || mykad_sealed FROM ekyc_record WHERE id = :id").param("id", s.sessionId())
                .query(String.class).single();
        assertThat(row).doesNotContain(s.myKad());
    }

    @Test
    void aRenditionCarriesTheAuditedAccessIdInItsWatermark() {
        Stored s = stored("P30D");
        HttpResponse<byte[]> r = s.party().image(s.frontId());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("image/jpeg");
        String accessId = r.headers().firstValue("X-Ekyc-Access-Id").orElseThrow();
        assertThat(watermark.decode(SyntheticCards.decode(r.body()))).hasValue(Long.parseLong(accessId, 16));
        String details = jdbc.sql("SELECT details FROM audit_entry WHERE event = 'sensitive_read' AND subject = :s")
                .param("s", "ekyc-image:" + s.frontId()).query(String.class).single();
        assertThat(details).contains(accessId);
        // a second access is a second, different id
        HttpResponse<byte[]> again = s.party().image(s.frontId());
        assertThat(again.headers().firstValue("X-Ekyc-Access-Id")).isPresent().get().isNotEqualTo(accessId);
    }

    @Test
    void storedImagesAreReEncodedCiphertextUnderRandomNames() {
        Stored s = stored("P30D");
        String blob = jdbc.sql("SELECT blob_name FROM ekyc_image WHERE id = :id").param("id", s.backId()).query(String.class).single();
        assertThat(blob).matches("[0-9a-f]{32}");
        byte[] original = vault.original(s.backId(), "test", "test.inspect");
        assertThat(new String(original, StandardCharsets.ISO_8859_1)).doesNotContain(SyntheticCards.EXIF_MARKER).doesNotContain("Exif");
        assertThat(SyntheticCards.decode(original).getWidth()).isEqualTo(1000);
    }

    @Test
    void anotherRelyingPartyCannotUseTheConsent() {
        Stored s = stored("P30D");
        RelyingPartyClient other = fixture.relyingParty();
        assertProblem(other.verify("{\"consentReference\":" + q(s.consent()) + ",\"ageAtLeast\":18}"), 404, "ekyc-record-not-found");
        HttpResponse<byte[]> image = other.image(s.frontId());
        assertThat(image.statusCode()).isEqualTo(404);
        assertProblem(other.session(s.myKad(), s.consent(), cardJpeg(), cardJpeg()), 404, "ekyc-record-not-found");
    }

    @Test
    void revokingTheConsentShredsEverythingStoredUnderIt() throws Exception {
        Stored s = stored("P30D");
        String blob = jdbc.sql("SELECT blob_name FROM ekyc_image WHERE id = :id").param("id", s.frontId()).query(String.class).single();
        assertThat(blobs.exists(blob)).isTrue();
        HttpResponse<String> revoked = s.citizen().phoneAndBrowser().post("/api/v1/ekyc/consents/" + s.consent(), "", s.citizen().session());
        assertThat(revoked.statusCode()).isIn(404, 405); // POST is not how; DELETE is
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/ekyc/consents/" + s.consent()))
                .header("Authorization", "Bearer " + s.citizen().session()).header("X-Forwarded-For", fixture.api().clientIp()).DELETE().build();
        assertThat(java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
        assertShredded(s, blob);
        assertThat(audits("consent_revoked", "consent:" + s.consent())).isEqualTo(1);
        assertThat(audits("sensitive_delete", "ekyc-record:" + s.sessionId())).isEqualTo(1);
        assertProblem(s.party().verify("{\"consentReference\":" + q(s.consent()) + ",\"ageAtLeast\":18}"), 404, "ekyc-record-not-found");
        assertThat(s.party().image(s.frontId()).statusCode()).isEqualTo(404);
    }

    @Test
    void retentionEndShredsTheRecordOnSchedule() {
        Stored s = stored("P7D");
        String blob = jdbc.sql("SELECT blob_name FROM ekyc_image WHERE id = :id").param("id", s.frontId()).query(String.class).single();
        TestClock.INSTANCE.advance(Duration.ofDays(6));
        vault.purgeExpired();
        assertThat(blobs.exists(blob)).isTrue();
        TestClock.INSTANCE.advance(Duration.ofDays(1).plusMinutes(1));
        vault.purgeExpired();
        assertShredded(s, blob);
        assertThat(jdbc.sql("SELECT reason FROM audit_entry WHERE event = 'sensitive_delete' AND subject = :s")
                .param("s", "ekyc-record:" + s.sessionId()).query(String.class).single()).isEqualTo("ekyc.retention.expired");
    }

    @Test
    void aRecordOfARevokedConsentThatTheRevocationMissedIsShreddedByThePurge() {
        Stored s = stored("P30D");
        String blob = jdbc.sql("SELECT blob_name FROM ekyc_image WHERE id = :id").param("id", s.frontId()).query(String.class).single();
        // the consent is revoked but its records were not shredded (an upload racing the revocation, or a failed shred)
        jdbc.sql("UPDATE ekyc_consent SET status = 'REVOKED' WHERE id = :id").param("id", s.consent()).update();
        vault.purgeExpired();
        assertShredded(s, blob);
        assertThat(jdbc.sql("SELECT reason FROM audit_entry WHERE event = 'sensitive_delete' AND subject = :s")
                .param("s", "ekyc-record:" + s.sessionId()).query(String.class).single()).isEqualTo("ekyc.consent.revoked");
    }

    @Test
    void aRecordShreddedByTheRevocationAndThePurgeAtOnceIsDeletedAndAuditedOnce() throws Exception {
        Stored s = stored("P30D");
        String blob = jdbc.sql("SELECT blob_name FROM ekyc_image WHERE id = :id").param("id", s.frontId()).query(String.class).single();
        // both found the record unshredded (the purge job selects revoked consents' records too) and now shred it together
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> shreds = new ArrayList<>();
        try (ExecutorService two = Executors.newFixedThreadPool(2)) {
            for (String reason : List.of("ekyc.consent.revoked", "ekyc.retention.expired")) {
                shreds.add(two.submit(() -> {
                    go.await();
                    return vault.shred(s.sessionId(), reason);
                }));
            }
            go.countDown();
        }
        List<Boolean> claimed = new ArrayList<>();
        for (Future<Boolean> shred : shreds) {
            claimed.add(shred.get());
        }
        assertThat(claimed).containsExactlyInAnyOrder(true, false);
        assertShredded(s, blob);
        assertThat(audits("sensitive_delete", "ekyc-record:" + s.sessionId())).isEqualTo(1);
        // and a shred that comes later (a purge that selected the record before the revocation shredded it) does nothing
        assertThat(vault.shred(s.sessionId(), "ekyc.consent.revoked")).isFalse();
        assertThat(audits("sensitive_delete", "ekyc-record:" + s.sessionId())).isEqualTo(1);
    }

    @Test
    void aRecordPastItsRetentionIsNotServedEvenBeforeThePurge() {
        Stored s = stored("P7D");
        TestClock.INSTANCE.advance(Duration.ofDays(7).plusMinutes(1));
        assertProblem(s.party().verify("{\"consentReference\":" + q(s.consent()) + ",\"ageAtLeast\":18}"), 404, "ekyc-record-not-found");
        assertThat(s.party().image(s.frontId()).statusCode()).isEqualTo(404);
    }

    void assertShredded(Stored s, String blob) {
        assertThat(blobs.exists(blob)).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ekyc_image WHERE record_id = :r AND data_key IS NOT NULL").param("r", s.sessionId())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ekyc_record WHERE id = :r AND mykad_sealed IS NULL AND mykad_hmac IS NULL AND shredded_at IS NOT NULL")
                .param("r", s.sessionId()).query(Long.class).single()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vault.original(s.frontId(), "test", "test.inspect"))
                .isInstanceOf(VaultException.class);
    }

    @Test
    void swappedCiphertextsBetweenTwoRecordsAreRefusedCleanly() {
        Stored a = stored("P30D");
        Stored b = stored("P30D");
        Map<String, Object> rowA = jdbc.sql("SELECT blob_name, data_key FROM ekyc_image WHERE id = :id").param("id", a.frontId()).query().singleRow();
        Map<String, Object> rowB = jdbc.sql("SELECT blob_name, data_key FROM ekyc_image WHERE id = :id").param("id", b.frontId()).query().singleRow();
        jdbc.sql("UPDATE ekyc_image SET blob_name = :b, data_key = :k WHERE id = :id").param("b", rowB.get("blob_name"))
                .param("k", rowB.get("data_key")).param("id", a.frontId()).update();
        HttpResponse<byte[]> r = a.party().image(a.frontId());
        assertThat(r.statusCode()).isEqualTo(410);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("urn:benteng:problem:image-unavailable").doesNotContain("Exception");
        jdbc.sql("UPDATE ekyc_image SET blob_name = :b, data_key = :k WHERE id = :id").param("b", rowA.get("blob_name"))
                .param("k", rowA.get("data_key")).param("id", a.frontId()).update();
        assertThat(a.party().image(a.frontId()).statusCode()).isEqualTo(200);
    }

    @Test
    void keyRotationByAnOperatorKeepsStoredImagesReadable() {
        Stored s = stored("P30D");
        HttpResponse<String> rotated = fixture.api().post("/api/v1/ekyc/keys/rotate", "", fixture.operator());
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        assertThat(json(rotated).path("keys").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(s.party().image(s.frontId()).statusCode()).isEqualTo(200);
        Stored after = stored("P30D");
        assertThat(after.party().image(after.backId()).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyOperatorsRegisterRelyingParties() {
        String body = "{\"name\":\"Kedai Contoh\",\"purposes\":[\"AGE_CHECK\"],\"retention\":\"P1D\",\"allowedCidrs\":[\"192.0.2.0/24\"]}";
        assertThat(fixture.api().post("/api/v1/ekyc/relying-parties", body).statusCode()).isEqualTo(401);
        assertThat(fixture.api().post("/api/v1/ekyc/relying-parties", body, fixture.citizen("Tan Ah Kow").session()).statusCode()).isEqualTo(403);
        HttpResponse<String> ok = fixture.api().post("/api/v1/ekyc/relying-parties", body, fixture.operator());
        assertThat(ok.statusCode()).isEqualTo(201);
        String secret = json(ok).path("apiSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);
        // shown once: stored only sealed, never in the clear, never in the audit log
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ekyc_relying_party WHERE key_sealed LIKE :s").param("s", "%" + secret + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE details LIKE :s").param("s", "%" + secret + "%").query(Long.class).single()).isZero();
    }

    @Test
    void badRegistrationsAreClearProblemsWithoutEcho() {
        String operator = fixture.operator();
        for (String body : new String[]{
                "{\"name\":\"<script>x</script>\",\"purposes\":[\"AGE_CHECK\"],\"retention\":\"P1D\",\"allowedCidrs\":[\"192.0.2.0/24\"]}",
                "{\"name\":\"Kedai\",\"purposes\":[\"drop table\"],\"retention\":\"P1D\",\"allowedCidrs\":[\"192.0.2.0/24\"]}",
                "{\"name\":\"Kedai\",\"purposes\":[\"AGE_CHECK\"],\"retention\":\"P999Y\",\"allowedCidrs\":[\"192.0.2.0/24\"]}",
                "{\"name\":\"Kedai\",\"purposes\":[\"AGE_CHECK\"],\"retention\":\"P1D\",\"allowedCidrs\":[\"evil.example.org/24\"]}",
                "{\"name\":\"Kedai\",\"purposes\":[\"AGE_CHECK\"],\"retention\":\"P1D\",\"allowedCidrs\":[\"192.0.2.0/33\"]}",
                "{\"name\":\"Kedai\",\"purposes\":[],\"retention\":\"P1D\",\"allowedCidrs\":[\"192.0.2.0/24\"]}",
                "{\"name\":\"Kedai\",\"purposes\":[\"AGE_CHECK\"],\"retention\":\"P1D\",\"allowedCidrs\":[\"192.0.2.0/24\"],\"extra\":1}",
                "{not json"}) {
            HttpResponse<String> r = fixture.api().post("/api/v1/ekyc/relying-parties", body, operator);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).doesNotContain("script").doesNotContain("evil").doesNotContain("drop table").doesNotContain("Exception");
        }
    }

    @Test
    void anOriginalLeavesOnlyThroughTwoOperatorsOnce() {
        Stored s = stored("P30D");
        String asker = fixture.operator();
        String approver = fixture.operator();
        ApiClient api = fixture.api();
        assertProblem(api.post("/api/v1/ekyc/break-glass", "{\"imageId\":" + q(s.frontId()) + ",\"reason\":\"short\"}", asker), 400, "invalid-request");
        HttpResponse<String> asked = api.post("/api/v1/ekyc/break-glass", "{\"imageId\":" + q(s.frontId())
                + ",\"reason\":\"Police request 2026/117 for a fraud investigation\"}", asker);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String id = json(asked).path("requestId").asString();
        assertThat(api.getBytes("/api/v1/ekyc/break-glass/" + id + "/original", asker).statusCode()).isEqualTo(404); // not yet approved
        assertProblem(api.post("/api/v1/ekyc/break-glass/" + id + "/approve", "", asker), 403, "second-operator-required");
        assertThat(api.post("/api/v1/ekyc/break-glass/" + id + "/approve", "", approver).statusCode()).isEqualTo(200);
        assertThat(api.getBytes("/api/v1/ekyc/break-glass/" + id + "/original", approver).statusCode()).isEqualTo(404); // only the asker
        HttpResponse<byte[]> original = api.getBytes("/api/v1/ekyc/break-glass/" + id + "/original", asker);
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(SyntheticCards.decode(original.body()).getWidth()).isEqualTo(1000);
        assertThat(api.getBytes("/api/v1/ekyc/break-glass/" + id + "/original", asker).statusCode()).isEqualTo(404); // once
        assertThat(audits("break_glass_requested", "ekyc-image:" + s.frontId())).isEqualTo(1);
        assertThat(audits("break_glass_approved", "ekyc-image:" + s.frontId())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'sensitive_read' AND subject = :s AND reason = 'ekyc.break_glass.original'")
                .param("s", "ekyc-image:" + s.frontId()).query(Long.class).single()).isEqualTo(1);
        // relying parties and citizens have no way in
        assertThat(api.post("/api/v1/ekyc/break-glass", "{}", s.citizen().session()).statusCode()).isEqualTo(403);
    }
}
