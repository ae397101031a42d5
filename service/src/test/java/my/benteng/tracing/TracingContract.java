package my.benteng.tracing;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.Citizen;
import my.benteng.account.Citizens;
import my.benteng.account.Sessions;
import my.benteng.account.VerifiedContact;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.tracing.internal.ContactNotifier;
import my.benteng.testing.ApiClient;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cases, casual contacts, notifications, risk status and hotspots over real HTTP, with check-ins made through the
 * check-in API at instants set on the test clock; run on each database by a subclass. Defaults: buffer 15 min,
 * assumed stay 1 h, contact risk period 10 days, hotspots from 5 cases in 14 days.
 */
abstract class TracingContract extends TracingTestSupport {

    @Test
    void overlapEdgesBufferMissingCheckoutAndIdempotentCorrection() {
        PremisesFixture.Registered mall = fixture.register("Pavilion Bukit Jalil");
        PremisesFixture.Registered elsewhere = fixture.register("Restoran Nasi Kandar Pelita");
        Person caseP = person("Kes Satu");
        Person inside = person("Ahmad Dalam");
        Person noCheckout = person("Ben Tanpa Keluar");
        Person touchingNoCheckout = person("Chong Bersentuh");
        Person leftBefore = person("Devi Awal");
        Person inBufferAfter = person("Eng Penampan");
        Person touchingAfter = person("Farah Bersentuh");
        Person otherPremises = person("Gopal Lain");

        visit(caseP, mall, at(10, 0, 0), at(11, 0, 0));
        visit(inside, mall, at(10, 30, 0), at(10, 40, 0));
        visit(noCheckout, mall, at(8, 46, 0), null);          // assumed until 09:46, after 09:45
        visit(touchingNoCheckout, mall, at(8, 45, 0), null);  // assumed until 09:45: touches the widened stay only
        visit(leftBefore, mall, at(8, 0, 0), at(9, 44, 0));
        visit(inBufferAfter, mall, at(11, 14, 59), null);     // 1 s inside the 15-minute buffer after 11:00
        visit(touchingAfter, mall, at(11, 15, 0), null);      // exactly at its end: touching is not overlapping
        visit(otherPremises, elsewhere, at(10, 10, 0), null);
        clock.reset();

        String officer = officer("HEALTH_OFFICER");
        // the period ends at 10:30: the case's stay counts 10:00-10:30, widened to 09:45-10:45
        HttpResponse<String> first = record(officer, caseP, at(10, 0, 0).minus(Duration.ofDays(1)), at(10, 30, 0));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String caseId = json(first).path("caseId").asString();
        assertThat(json(first).path("status").asString()).isEqualTo("TRACING");
        assertThat(json(first).path("contacts").isNull()).isTrue();
        assertThat(json(first).path("caseVisits").asInt()).isEqualTo(1);
        // risk status holds from the commit, before any notification went out
        assertThat(risk(inside)).isEqualTo("CASUAL_CONTACT");
        assertThat(risk(noCheckout)).isEqualTo("CASUAL_CONTACT");
        for (Person p : new Person[]{touchingNoCheckout, leftBefore, inBufferAfter, touchingAfter, otherPremises, caseP}) {
            assertThat(risk(p)).as(p.citizen().name()).isEqualTo("LOW_RISK");
        }
        JsonNode traced = settled(officer, caseId);
        assertThat(traced.path("contacts").asInt()).isEqualTo(2);
        assertThat(traced.path("notified").asInt()).isEqualTo(2);
        // the notifier sends after the run commits (here: when the test drives it), one message per new contact
        assertThat(notifications(inside)).isEqualTo(1);
        assertThat(notifications(noCheckout)).isEqualTo(1);
        JsonNode status = json(api.get("/api/v1/me/risk-status", session(inside)));
        assertThat(Instant.parse(status.path("until").asString())).isEqualTo(at(10, 30, 0).plus(Duration.ofDays(10)));

        // the same case again: same id, same contacts, nobody notified twice
        HttpResponse<String> again = record(officer, caseP, at(10, 0, 0).minus(Duration.ofDays(1)), at(10, 30, 0));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(json(again).path("caseId").asString()).isEqualTo(caseId);
        assertThat(settled(officer, caseId).path("notified").asInt()).isEqualTo(2);
        HttpResponse<String> retraced = api.post("/api/v1/cases/" + caseId + "/trace", "", officer);
        assertThat(retraced.statusCode()).as(retraced.body()).isEqualTo(200);
        assertThat(json(retraced).path("status").asString()).isEqualTo("TRACING");
        JsonNode rerun = settled(officer, caseId);
        assertThat(rerun.path("contacts").asInt()).isEqualTo(2);
        assertThat(rerun.path("notified").asInt()).isEqualTo(2);

        // corrected period to the whole visit: 09:45-11:15 now catches the buffer-after contact, only they are new
        HttpResponse<String> widened = correct(officer, caseId, at(10, 0, 0).minus(Duration.ofDays(1)), at(10, 0, 0).plus(Duration.ofDays(1)));
        assertThat(widened.statusCode()).as(widened.body()).isEqualTo(200);
        assertThat(json(widened).path("version").asInt()).isEqualTo(2);
        assertThat(risk(inBufferAfter)).isEqualTo("CASUAL_CONTACT");
        assertThat(risk(touchingAfter)).isEqualTo("LOW_RISK");
        JsonNode wide = settled(officer, caseId);
        assertThat(wide.path("contacts").asInt()).isEqualTo(3);
        assertThat(wide.path("notified").asInt()).isEqualTo(3);

        // corrected to start at 10:20: the stay widened is 10:05-11:15, the early no-check-out visitor drops out
        HttpResponse<String> narrowed = correct(officer, caseId, at(10, 20, 0), at(10, 0, 0).plus(Duration.ofDays(1)));
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        assertThat(risk(noCheckout)).isEqualTo("LOW_RISK");
        assertThat(risk(inside)).isEqualTo("CASUAL_CONTACT");
        JsonNode narrow = settled(officer, caseId);
        assertThat(narrow.path("contacts").asInt()).isEqualTo(2);
        assertThat(narrow.path("notified").asInt()).as("messages sent for this case in all").isEqualTo(3);

        // one fixed message each, with neither the premises nor anything about health beyond "check your status"
        assertThat(notifications(inside)).isEqualTo(1);
        assertThat(notifications(noCheckout)).isEqualTo(1);
        assertThat(notifications(inBufferAfter)).isEqualTo(1);
        assertThat(notifications(touchingAfter)).isZero();
        assertThat(notifications(touchingNoCheckout)).isZero();
        assertThat(notifications(otherPremises)).isZero();
        assertThat(notifications(caseP)).isZero();
        for (JsonNode m : json(api.get("/dev/outbox?limit=500", null))) {
            if ("CONTACT_NOTIFICATION".equals(m.path("template").asString())) {
                assertThat(m.path("text").asString()).doesNotContain("Pavilion").doesNotContain("Bukit Jalil");
            }
        }
    }

    @Test
    void aVisitOutsideTheInfectiousPeriodMakesNoContacts() {
        PremisesFixture.Registered cafe = fixture.register("Kafe Sebelum Tempoh");
        Person caseP = person("Kes Dua");
        Person before = person("Hana Sebelum");
        visit(caseP, cafe, at(10, 0, 0).minus(Duration.ofDays(1)), null);
        visit(before, cafe, at(10, 10, 0).minus(Duration.ofDays(1)), null);
        clock.reset();
        HttpResponse<String> r = record(officer("HEALTH_OFFICER"), caseP, at(9, 0, 0), at(12, 0, 0));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("caseVisits").asInt()).isZero();
        assertThat(settled(officer("HEALTH_OFFICER"), json(r).path("caseId").asString()).path("contacts").asInt()).isZero();
        assertThat(risk(before)).isEqualTo("LOW_RISK");
    }

    @Test
    void hotspotsShowAPremisesOnlyFromFiveCasesAndByState() {
        PremisesFixture.Registered market = fixture.register("Pasar Borong Selayang");
        String officer = officer("HEALTH_OFFICER");
        for (int i = 0; i < 5; i++) {
            Person caseP = person("Kes Pasar " + (char) ('A' + i));
            visit(caseP, market, at(7, i, 0), null);
            clock.reset();
            HttpResponse<String> r = record(officer, caseP, at(6, 0, 0), at(20, 0, 0));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            JsonNode hotspots = json(api.get("/api/v1/hotspots?state=KUALA_LUMPUR", officer));
            boolean listed = false;
            for (JsonNode item : hotspots.path("items")) {
                if (item.path("premisesId").asString().equals(market.premisesId())) {
                    listed = true;
                    assertThat(item.path("cases").asInt()).isEqualTo(i + 1);
                    assertThat(item.path("premisesName").asString()).isEqualTo("Pasar Borong Selayang");
                }
            }
            assertThat(listed).as("listed with %d cases", i + 1).isEqualTo(i + 1 >= 5);
        }
        // a citizen sees the same aggregates; another state's list does not have it
        HttpResponse<String> asCitizen = api.get("/api/v1/hotspots", session(person("Warga Biasa")));
        assertThat(asCitizen.body()).contains(market.premisesId());
        assertThat(api.get("/api/v1/hotspots?state=JOHOR", officer).body()).doesNotContain(market.premisesId());
        // re-running a case does not count it twice
        assertThat(api.get("/api/v1/hotspots?state=KUALA_LUMPUR", officer).body()).contains("\"cases\":5");
    }

    @Test
    void onlyHealthOfficersRecordCasesAndOnlyCitizensHaveARiskStatus() {
        Person p = person("Siti Biasa");
        String body = "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":" + q(t0.minus(Duration.ofDays(1)).toString())
                + ",\"infectiousTo\":" + q(t0.toString()) + "}";
        assertProblem(api.post("/api/v1/cases", body, session(p)), 403, "forbidden");
        assertProblem(api.post("/api/v1/cases", body, officer("HELPDESK_AGENT")), 403, "forbidden");
        assertProblem(api.post("/api/v1/cases", body, null), 401, "unauthenticated");
        assertProblem(api.post("/api/v1/cases/00000000-0000-4000-8000-000000000000/trace", "", session(p)), 403, "forbidden");
        assertProblem(api.get("/api/v1/me/risk-status", officer("HEALTH_OFFICER")), 403, "forbidden");
        assertProblem(api.get("/api/v1/hotspots", null), 401, "unauthenticated");
    }

    @Test
    void badInputGetsAProblemWithoutEchoAndStoresNothing() {
        String officer = officer("HEALTH_OFFICER");
        Person p = person("Input Buruk");
        String from = t0.minus(Duration.ofDays(1)).toString();
        String to = t0.toString();
        String[] bodies = {
                "{\"infectiousFrom\":" + q(from) + ",\"infectiousTo\":" + q(to) + "}",                                   // no citizen
                "{\"citizenId\":" + q(p.id()) + ",\"phone\":\"+60112345678\",\"infectiousFrom\":" + q(from) + ",\"infectiousTo\":" + q(to) + "}",
                "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":\"yesterday<script>\",\"infectiousTo\":" + q(to) + "}",
                "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":" + q(to) + ",\"infectiousTo\":" + q(from) + "}",   // reversed
                "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":" + q(t0.minus(Duration.ofDays(40)).toString()) + ",\"infectiousTo\":" + q(to) + "}",
                "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":" + q(Instant.now().plus(Duration.ofDays(2)).toString())
                        + ",\"infectiousTo\":" + q(Instant.now().plus(Duration.ofDays(3)).toString()) + "}",          // future
                "{\"citizenId\":\"../../etc/passwd\",\"infectiousFrom\":" + q(from) + ",\"infectiousTo\":" + q(to) + "}",
                "{\"phone\":\"<img src=x onerror=alert(1)>\",\"infectiousFrom\":" + q(from) + ",\"infectiousTo\":" + q(to) + "}",
                "{\"citizenId\":" + q("9".repeat(100_000)) + ",\"infectiousFrom\":" + q(from) + ",\"infectiousTo\":" + q(to) + "}",
                "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":" + q(from) + ",\"infectiousTo\":" + q(to) + ",\"extra\":1}",
                "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":",
                "[]",
        };
        for (String body : bodies) {
            HttpResponse<String> r = api.post("/api/v1/cases", body, officer);
            assertThat(r.statusCode()).as(body.length() > 200 ? "huge" : body).isBetween(400, 499);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(r.body()).doesNotContain("<script>").doesNotContain("onerror").doesNotContain("passwd")
                    .doesNotContain("99999999").doesNotContain("Exception").doesNotContain("yesterday");
        }
        assertProblem(api.post("/api/v1/cases", "{\"citizenId\":\"00000000-0000-4000-8000-000000000000\",\"infectiousFrom\":" + q(from)
                + ",\"infectiousTo\":" + q(to) + "}", officer), 404, "citizen-not-found");
        assertProblem(api.post("/api/v1/cases/not-a-case/trace", "", officer), 404, "case-not-found");
        assertProblem(put("/api/v1/cases/00000000-0000-4000-8000-000000000000", "{\"infectiousFrom\":" + q(from) + ",\"infectiousTo\":"
                + q(to) + "}", officer), 404, "case-not-found");
        HttpResponse<String> badState = api.get("/api/v1/hotspots?state=%3Cscript%3E", officer);
        assertThat(badState.statusCode()).isEqualTo(400);
        assertThat(badState.body()).doesNotContain("<script>");

        // nothing was stored: the first valid request creates the case; an overlapping different period is refused
        HttpResponse<String> ok = record(officer, p, t0.minus(Duration.ofDays(1)), t0);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
        HttpResponse<String> overlapping = record(officer, p, t0.minus(Duration.ofHours(12)), t0.plus(Duration.ofHours(1)));
        assertProblem(overlapping, 409, "case-exists");
        assertThat(json(overlapping).path("caseId").asString()).isEqualTo(json(ok).path("caseId").asString());
        // a correction with a bad period changes nothing
        String caseId = json(ok).path("caseId").asString();
        assertThat(correct(officer, caseId, t0, t0.minus(Duration.ofDays(1))).statusCode()).isEqualTo(400);
        HttpResponse<String> unchanged = api.post("/api/v1/cases/" + caseId + "/trace", "", officer);
        assertThat(json(unchanged).path("infectiousFrom").asString()).isEqualTo(t0.minus(Duration.ofDays(1)).toString());
        assertThat(json(unchanged).path("version").asInt()).isEqualTo(1);
    }

    @Test
    void aCaseCanBeRecordedByPhone() {
        PremisesFixture.Registered cafe = fixture.register("Kopitiam Telefon");
        Person caseP = person("Kes Telefon");
        Person contact = person("Kenalan Telefon");
        visit(caseP, cafe, at(9, 0, 0), null);
        visit(contact, cafe, at(9, 30, 0), null);
        clock.reset();
        HttpResponse<String> r = api.post("/api/v1/cases", "{\"phone\":" + q(caseP.phone().value()) + ",\"infectiousFrom\":"
                + q(at(0, 0, 0).toString()) + ",\"infectiousTo\":" + q(at(23, 0, 0).toString()) + "}", officer("HEALTH_OFFICER"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("citizenId").asString()).isEqualTo(caseP.id());
        assertThat(risk(contact)).isEqualTo("CASUAL_CONTACT");
        assertThat(settled(officer("HEALTH_OFFICER"), json(r).path("caseId").asString()).path("contacts").asInt()).isEqualTo(1);
        assertThat(risk(contact)).isEqualTo("CASUAL_CONTACT");
    }

    String caseJson(String citizenId, Instant from, Instant to) {
        return "{\"citizenId\":" + q(citizenId) + ",\"infectiousFrom\":" + q(from.toString()) + ",\"infectiousTo\":" + q(to.toString()) + "}";
    }

    @Test
    void aBatchAnswersEveryCaseOnItsOwnAndRecordsTheNewOnesTogether() {
        PremisesFixture.Registered stall = fixture.register("Gerai Makan Kelompok");
        Person a = person("Kes Kelompok A");
        Person b = person("Kes Kelompok B");
        Person earlier = person("Kes Kelompok Lama");
        Person contact = person("Kenalan Kelompok");
        visit(a, stall, at(12, 0, 0), null);
        visit(b, stall, at(18, 0, 0), null);
        visit(contact, stall, at(12, 30, 0), at(12, 45, 0));
        clock.reset();
        String officer = officer("HEALTH_OFFICER");
        Instant from = at(0, 0, 0);
        Instant to = at(23, 0, 0);
        HttpResponse<String> existing = record(officer, earlier, from, to);
        assertThat(existing.statusCode()).as(existing.body()).isEqualTo(201);

        String body = "{\"cases\":[" + String.join(",",
                caseJson(a.id(), from, to),                                                   // 0: new
                "{\"citizenId\":" + q(b.id()) + ",\"infectiousFrom\":\"soon<script>\",\"infectiousTo\":" + q(to.toString()) + "}", // 1: bad date
                caseJson("00000000-0000-4000-8000-000000000000", from, to),                    // 2: nobody
                caseJson(a.id(), from, to),                                                   // 3: the same as 0
                caseJson(a.id(), from.plus(Duration.ofHours(1)), to),                         // 4: overlaps 0
                caseJson(earlier.id(), from, to),                                             // 5: exists: a re-run
                "null",                                                                       // 6: not an object
                "{\"phone\":" + q(b.phone().value()) + ",\"infectiousFrom\":" + q(from.toString()) + ",\"infectiousTo\":" + q(to.toString()) + "}") // 7: by phone
                + "]}";
        HttpResponse<String> r = api.post("/api/v1/cases/batch", body, officer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = json(r);
        assertThat(answer.path("recorded").asInt()).isEqualTo(4);
        assertThat(answer.path("refused").asInt()).isEqualTo(4);
        int[] statuses = new int[8];
        for (JsonNode item : answer.path("items")) {
            statuses[item.path("index").asInt()] = item.path("status").asInt();
        }
        assertThat(statuses).containsExactly(201, 400, 404, 200, 409, 200, 400, 201);
        JsonNode items = answer.path("items");
        String caseA = items.get(0).path("result").path("caseId").asString();
        assertThat(items.get(3).path("result").path("caseId").asString()).isEqualTo(caseA);
        assertThat(items.get(4).path("problem").path("caseId").asString()).isEqualTo(caseA);
        assertThat(items.get(5).path("result").path("caseId").asString()).isEqualTo(json(existing).path("caseId").asString());
        assertThat(items.get(1).path("problem").path("type").asString()).isEqualTo("urn:benteng:problem:invalid-request");
        assertThat(items.get(2).path("problem").path("type").asString()).isEqualTo("urn:benteng:problem:citizen-not-found");
        assertThat(r.body()).doesNotContain("<script>").doesNotContain("soon").doesNotContain("Exception");
        assertThat(items.get(0).path("result").path("caseVisits").asInt()).isEqualTo(1);

        // both new cases hold at once; the contact overlapped a, not b
        assertThat(risk(contact)).isEqualTo("CASUAL_CONTACT");
        assertThat(settled(officer, caseA).path("contacts").asInt()).isEqualTo(1);
        assertThat(settled(officer, items.get(7).path("result").path("caseId").asString()).path("contacts").asInt()).isZero();
        assertThat(notifications(contact)).isEqualTo(1);
    }

    @Test
    void aMalformedOrOversizedBatchIsRefusedWholeAndStoresNothing() {
        String officer = officer("HEALTH_OFFICER");
        Person p = person("Kes Kelompok Buruk");
        String one = caseJson(p.id(), t0.minus(Duration.ofDays(1)), t0);
        String thousandAndOne = "{\"cases\":[" + String.join(",", java.util.Collections.nCopies(1001, one)) + "]}";
        String huge = "{\"cases\":[" + String.join(",", java.util.Collections.nCopies(2500, one)) + "]}";
        for (String body : new String[]{"{\"cases\":[]}", "{}", "{\"cases\":\"<script>\"}", "[]", "{\"cases\":[", thousandAndOne}) {
            HttpResponse<String> r = api.post("/api/v1/cases/batch", body, officer);
            assertThat(r.statusCode()).as(body.length() > 100 ? "1001 cases" : body).isEqualTo(400);
            assertThat(r.body()).doesNotContain("<script>").doesNotContain(p.id()).doesNotContain("Exception");
        }
        assertProblem(api.post("/api/v1/cases/batch", huge, officer), 413, "payload-too-large");
        assertProblem(api.post("/api/v1/cases/batch", "{\"cases\":[" + one + "]}", session(p)), 403, "forbidden");
        assertProblem(api.post("/api/v1/cases/batch", "{\"cases\":[" + one + "]}", null), 401, "unauthenticated");
        assertProblem(api.get("/api/v1/cases/" + java.util.UUID.randomUUID(), officer), 404, "case-not-found");
        assertProblem(api.get("/api/v1/cases/" + java.util.UUID.randomUUID(), session(p)), 403, "forbidden");
        // nothing of the refused batches was stored: the case is new now
        HttpResponse<String> ok = api.post("/api/v1/cases", one, officer);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);
    }
}
