package my.benteng.checkin;

import my.benteng.premises.QrToken;
import my.benteng.testing.ApiClient;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.problemShape;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** Check-in, the repeat window, check-out and history over real HTTP; run on each database. */
abstract class CheckinContract {

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    TestClock clock;

    ApiClient api;
    PremisesFixture fixture;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        fixture = new PremisesFixture(api, tokens);
    }

    HttpResponse<String> checkIn(String session, String qr) {
        return api.post("/api/v1/checkins", "{\"qr\":" + q(qr) + "}", session);
    }

    @Test
    void aCitizenChecksInWithTheFullUrlOrTheBareToken() {
        PremisesFixture.Registered p = fixture.register("Pasar Raya Mydin");
        String citizen = fixture.citizen();
        Instant before = clock.instant();
        HttpResponse<String> r = checkIn(citizen, p.qrUrl());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        var body = json(r);
        assertThat(body.path("checkinId").asString()).matches("[0-9a-f-]{36}");
        assertThat(body.path("premisesName").asString()).isEqualTo("Pasar Raya Mydin");
        assertThat(Instant.parse(body.path("checkedInAt").asString())).isBetween(before.minusMillis(1), clock.instant().plusMillis(1));

        HttpResponse<String> other = checkIn(fixture.citizen(), p.token());
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
    }

    @Test
    void aRepeatScanWithinFiveMinutesReturnsTheSameCheckinWith200() {
        clock.set(Instant.parse("2026-11-22T10:00:00Z")); // before the sessions, which would otherwise sit idle too long
        PremisesFixture.Registered p = fixture.register("Stesen LRT KLCC");
        String citizen = fixture.citizen();
        String first = json(checkIn(citizen, p.qrUrl())).path("checkinId").asString();

        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        HttpResponse<String> repeat = checkIn(citizen, p.qrUrl());
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(json(repeat).path("checkinId").asString()).isEqualTo(first);
        assertThat(json(repeat).path("checkedInAt").asString()).isEqualTo("2026-11-22T10:00:00Z");

        clock.advance(Duration.ofSeconds(1)); // exactly five minutes after the first: a new visit
        HttpResponse<String> later = checkIn(citizen, p.qrUrl());
        assertThat(later.statusCode()).isEqualTo(201);
        assertThat(json(later).path("checkinId").asString()).isNotEqualTo(first);
    }

    @Test
    void parallelScansOfTheSamePremisesMakeOneCheckin() throws Exception {
        PremisesFixture.Registered p = fixture.register("Pusat Beli-Belah Mid Valley");
        String citizen = fixture.citizen();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<HttpResponse<String>>> scans = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                scans.add(pool.submit(() -> checkIn(citizen, p.qrUrl())));
            }
            java.util.Set<String> ids = new java.util.HashSet<>();
            int created = 0;
            for (var scan : scans) {
                HttpResponse<String> r = scan.get();
                assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
                created += r.statusCode() == 201 ? 1 : 0;
                ids.add(json(r).path("checkinId").asString());
            }
            assertThat(ids).hasSize(1);
            assertThat(created).isEqualTo(1);
        }
    }

    @Test
    void afterCheckingOutTheNextScanIsANewVisit() {
        PremisesFixture.Registered p = fixture.register("Gim Fitness Plus");
        String citizen = fixture.citizen();
        String first = json(checkIn(citizen, p.qrUrl())).path("checkinId").asString();
        HttpResponse<String> out = api.post("/api/v1/checkins/" + first + "/checkout", "", citizen);
        assertThat(out.statusCode()).as(out.body()).isEqualTo(200);
        String checkedOutAt = json(out).path("checkedOutAt").asString();
        assertThat(checkedOutAt).isNotBlank();

        clock.advance(Duration.ofMinutes(1));
        HttpResponse<String> again = api.post("/api/v1/checkins/" + first + "/checkout", "", citizen);
        assertThat(json(again).path("checkedOutAt").asString()).as("check-out is set once").isEqualTo(checkedOutAt);

        HttpResponse<String> next = checkIn(citizen, p.qrUrl());
        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(json(next).path("checkinId").asString()).isNotEqualTo(first);
    }

    @Test
    void nobodyChecksOutOfSomeoneElsesCheckin() {
        PremisesFixture.Registered p = fixture.register("Bank Rakyat Cawangan");
        String owner = fixture.citizen();
        String id = json(checkIn(owner, p.qrUrl())).path("checkinId").asString();
        HttpResponse<String> stranger = api.post("/api/v1/checkins/" + id + "/checkout", "", fixture.citizen());
        HttpResponse<String> unknown = api.post("/api/v1/checkins/00000000-0000-4000-8000-000000000000/checkout", "", owner);
        HttpResponse<String> garbage = api.post("/api/v1/checkins/EVIL%0D%0A/checkout", "", owner);
        assertProblem(stranger, 404, "not-found");
        assertThat(problemShape(unknown)).isEqualTo(problemShape(stranger));
        assertThat(garbage.statusCode()).isIn(400, 404);
        assertThat(garbage.body()).doesNotContain("EVIL");
        var history = json(api.get("/api/v1/me/checkins", owner)).path("items");
        assertThat(history.get(0).path("checkedOutAt").isNull()).isTrue();
    }

    @Test
    void forgedAlteredRevokedAndUnknownCodesGetOneGenericRefusal() {
        PremisesFixture.Registered p = fixture.register("Hospital Kuala Lumpur");
        String citizen = fixture.citizen();
        String revoked = p.qrUrl();
        String current = json(api.post("/api/v1/premises/" + p.premisesId() + "/qr", "", p.ownerSession())).path("qrUrl").asString();

        byte[] bytes = Base64.getUrlDecoder().decode(p.token());
        List<String> bad = new ArrayList<>();
        bad.add(revoked);
        for (int index : new int[]{5, 17, 20, 30, 37}) { // premises id, key id, version, tag
            byte[] altered = bytes.clone();
            altered[index] ^= 0x01;
            bad.add(Base64.getUrlEncoder().withoutPadding().encodeToString(altered));
        }
        QrToken unknownPremises = QrToken.of(new my.benteng.premises.PremisesId("00000000-0000-4000-8000-000000000000"), 1, 1, new byte[16]);
        bad.add(unknownPremises.text());
        bad.addAll(List.of("", "garbage", "EVIL\r\nX-Injected: 1", "A".repeat(100_000).substring(0, 60_000), "https://evil.example/c/"));
        HttpResponse<String> reference = checkIn(citizen, revoked);
        assertProblem(reference, 400, "invalid-qr");
        for (String qr : bad) {
            HttpResponse<String> r = checkIn(citizen, qr);
            assertThat(problemShape(r)).as(qr.length() > 80 ? "long" : qr).isEqualTo(problemShape(reference));
            assertThat(r.body()).doesNotContain("EVIL");
        }
        assertThat(api.post("/api/v1/checkins", "{\"qr\":null}", citizen).statusCode()).isEqualTo(400);
        assertThat(checkIn(citizen, current).statusCode()).isEqualTo(201);
    }

    @Test
    void historyIsNewestFirstPagedAndBounded() {
        clock.set(Instant.parse("2026-11-22T08:00:00Z"));
        String citizen = fixture.citizen();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            PremisesFixture.Registered p = fixture.register("Kedai " + i);
            ids.add(json(api.post("/api/v1/checkins", "{\"qr\":" + q(p.qrUrl()) + ",\"dependants\":[\"Adam\",\"Hawa\"]}", citizen))
                    .path("checkinId").asString());
            clock.advance(Duration.ofMinutes(10));
        }
        var page0 = json(api.get("/api/v1/me/checkins?page=0&size=2", citizen));
        var page2 = json(api.get("/api/v1/me/checkins?page=2&size=2", citizen));
        assertThat(page0.path("items").valueStream().map(n -> n.path("checkinId").asString())).containsExactly(ids.get(4), ids.get(3));
        assertThat(page2.path("items").valueStream().map(n -> n.path("checkinId").asString())).containsExactly(ids.get(0));
        assertThat(page0.path("items").get(0).path("premisesName").asString()).isEqualTo("Kedai 4");
        assertThat(page0.path("items").get(0).path("dependants").valueStream().map(n -> n.asString())).containsExactly("Adam", "Hawa");

        assertProblem(api.get("/api/v1/me/checkins?size=101", citizen), 400, "invalid-request");
        assertProblem(api.get("/api/v1/me/checkins?size=0", citizen), 400, "invalid-request");
        assertProblem(api.get("/api/v1/me/checkins?page=-1", citizen), 400, "invalid-request");
        HttpResponse<String> wrongType = api.get("/api/v1/me/checkins?page=EVIL", citizen);
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).doesNotContain("EVIL");
        assertThat(api.get("/api/v1/me/checkins", null).statusCode()).isEqualTo(401);
    }

    @Test
    void dependantsAreBoundedAndValidated() {
        PremisesFixture.Registered p = fixture.register("Sekolah Kebangsaan Bukit");
        String citizen = fixture.citizen();
        for (String dependants : List.of("[" + "\"Ali\",".repeat(10) + "\"Abu\"]", "[\"EVIL\\r\\nX\"]", "[\"" + "A".repeat(101) + "\"]",
                "[\"\"]", "[null]", "[\"EVIL<script>\"]")) {
            HttpResponse<String> r = api.post("/api/v1/checkins", "{\"qr\":" + q(p.qrUrl()) + ",\"dependants\":" + dependants + "}", citizen);
            assertProblem(r, 400, "invalid-request");
            assertThat(r.body()).contains("dependants").doesNotContain("EVIL");
        }
        for (String body : List.of("{\"qr\":" + q(p.qrUrl()) + ",\"dependants\":\"Ali\"}", "{\"qr\":[1],\"dependants\":[]}",
                "{\"qr\":" + q(p.qrUrl()) + ",\"at\":\"2020-01-01T00:00:00Z\"}", "[]", "EVIL")) {
            HttpResponse<String> r = api.post("/api/v1/checkins", body, citizen);
            assertThat(r.statusCode()).as(body).isEqualTo(400);
            assertThat(r.body()).doesNotContain("EVIL").doesNotContain("Exception");
        }
        HttpResponse<String> ok = api.post("/api/v1/checkins", "{\"qr\":" + q(p.qrUrl()) + ",\"dependants\":[\"Nur Aisyah\",\"陈美玲\"]}", citizen);
        assertThat(ok.statusCode()).isEqualTo(201);
    }

    @Test
    void checkingInNeedsACitizenSession() {
        PremisesFixture.Registered p = fixture.register("Pejabat Pos");
        assertThat(checkIn(null, p.qrUrl()).statusCode()).isEqualTo(401);
        assertThat(checkIn("not-a-session-token-at-all-xxxxxxxxxxxxxxxxx", p.qrUrl()).statusCode()).isEqualTo(401);
    }
}
