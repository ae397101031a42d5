package my.benteng.ekyc.internal;

import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.SyntheticCards;
import my.benteng.testing.SyntheticMyKad;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Oversized, malformed and hostile uploads and questions: clear problems, nothing stored, nothing echoed. */
@SqliteIntegrationTest
class EkycHostileInputSqliteIntegrationTest {

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
    String consent;
    final Random random = new Random();
    final String myKad = SyntheticMyKad.random(new Random());

    @BeforeEach
    void setUp() {
        EkycFixture fixture = new EkycFixture(port, staff, sessions, tokens, dispatcher);
        party = fixture.relyingParty();
        consent = fixture.consent(fixture.citizen("Lim Mei Ling"), party, EkycFixture.PURPOSE);
    }

    byte[] card() {
        return SyntheticCards.jpeg(SyntheticCards.card(random.nextLong(), 1000), 0.9f);
    }

    long records() {
        return jdbc.sql("SELECT COUNT(*) FROM ekyc_record WHERE consent_id = :c").param("c", consent).query(Long.class).single();
    }

    @Test
    void aPngDeclaredAsJpegIsJudgedByItsContent() {
        byte[] png = SyntheticCards.png(SyntheticCards.card(3, 1000));
        HttpResponse<String> r = party.session(myKad, consent, png, card(), "image/jpeg", h -> { });
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    @Test
    void aGifOrScriptDeclaredAsJpegIsRefused() {
        byte[] gif = "GIF89a\u0001\u0000\u0001\u0000\u0080\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(party.session(myKad, consent, gif, card()), 415, "unsupported-image-type");
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = party.session(myKad, consent, card(), html);
        assertProblem(r, 415, "unsupported-image-type");
        assertThat(r.body()).doesNotContain("script").doesNotContain("etc");
        assertThat(records()).isZero();
    }

    @Test
    void aPixelFloodIsRefusedBeforeDecoding() {
        assertProblem(party.session(myKad, consent, SyntheticCards.pixelFloodPng(60_000, 60_000), card()), 422, "image-too-many-pixels");
        assertThat(records()).isZero();
    }

    @Test
    void aCorruptImageIsRefused() {
        byte[] card = card();
        byte[] truncated = java.util.Arrays.copyOf(card, 600);
        assertProblem(party.session(myKad, consent, truncated, card), 422, "image-unreadable");
    }

    @Test
    void aPolyglotIsStoredOnlyAsItsPixels() {
        byte[] polyglot = SyntheticCards.withZipAppended(card());
        HttpResponse<String> r = party.session(myKad, consent, polyglot, card());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        // nothing of the ZIP survives into what the relying party can see
        HttpResponse<byte[]> rendition = party.image(json(r).path("frontImageId").asString());
        assertThat(new String(rendition.body(), StandardCharsets.ISO_8859_1)).doesNotContain(SyntheticCards.ZIP_ENTRY).doesNotContain("PK\u0003\u0004");
    }

    @Test
    void anOversizedUploadIsA413Problem() {
        byte[] big = new byte[6 * 1024 * 1024];
        random.nextBytes(big);
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        HttpResponse<String> r = party.session(myKad, consent, big, card());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\"trace\"");
        assertThat(records()).isZero();
    }

    @Test
    void invalidMyKadNumbersAreRefusedWithoutEcho() {
        for (String bad : new String[]{"901301145013", "900101195013", "12345", "<img src=x onerror=alert(1)>", "９００１０１１４５０１３"}) {
            HttpResponse<String> r = party.session(bad, consent, card(), card());
            assertProblem(r, 400, "invalid-request");
            assertThat(r.body()).doesNotContain(bad).contains("myKadNumber");
        }
        assertThat(records()).isZero();
    }

    @Test
    void hostileQuestionsAreRefusedWithoutEcho() {
        String[] bodies = {
                "{\"consentReference\":" + q(consent) + ",\"dateOfBirth\":\"17/05/1990\"}",
                "{\"consentReference\":" + q(consent) + ",\"ageAtLeast\":-1}",
                "{\"consentReference\":" + q(consent) + ",\"myKadNumber\":\"900101-19-5013\"}",
                "{\"consentReference\":" + q(consent) + ",\"name\":" + q("A".repeat(300)) + "}",
                "{\"consentReference\":" + q(consent) + ",\"unknownField\":\"<b>hi</b>\"}",
                "{\"consentReference\":[1,2,3]}",
                "{\"consentReference\":" + q("'; DROP TABLE ekyc_record; --") + "}",
                "[]", "{", "",
        };
        for (String body : bodies) {
            HttpResponse<String> r = party.verify(body);
            assertThat(r.statusCode()).as(body + " -> " + r.body()).isIn(400, 404);
            assertThat(r.body()).doesNotContain("<b>").doesNotContain("DROP").doesNotContain("17/05").doesNotContain("Exception");
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM ekyc_record").query(Long.class).single()).isNotNegative();
    }

    @Test
    void anOversizedJsonQuestionIsA413() {
        HttpResponse<String> r = party.verify("{\"consentReference\":" + q(consent) + ",\"name\":" + q("A".repeat(200_000)) + "}");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void imageIdsThatAreNotIdsAreNotFound() {
        for (String id : new String[]{"..%2F..%2Fetc%2Fpasswd", "00000000-0000-4000-8000-000000000000", "x".repeat(200)}) {
            HttpResponse<byte[]> r = party.image(id);
            assertThat(r.statusCode()).as(id).isIn(400, 404);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("passwd").doesNotContain("Exception");
        }
    }
}
