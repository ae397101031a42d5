package my.benteng.tracing;

import my.benteng.testing.PremisesFixture;
import my.benteng.tracing.internal.ContactNotifier;
import my.benteng.tracing.internal.Notifiers;
import my.benteng.tracing.internal.TracingProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static my.benteng.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact notifier finds the contacts of each tracing run after it committed and sends each exactly one message,
 * in batches, however many runs, cases, corrections and nodes there are; run on each database. Messages are told apart
 * from other tests' by their creation time, which the test clock makes unique.
 */
abstract class ContactNotifierContract extends TracingTestSupport {

    @Autowired
    TracingProperties properties;

    @Autowired
    JdbcClient jdbc;

    /** The instant the notifier runs at in this test: after the visits, unique to this test. */
    Instant now;
    String officer;

    @BeforeEach
    void drainAndPickAnInstant() {
        while (notifier.notifyDue() > 0) {
            // what other tests left due is not ours to count
        }
        now = t0.plus(Duration.ofDays(1)).plusMillis(Math.abs(java.util.UUID.randomUUID().getLeastSignificantBits() % 80_000_000L)); // within a day: the visits stay inside the risk period
        officer = officer("HEALTH_OFFICER");
    }

    /** Contact notifications enqueued at this test's instant. */
    long messages() {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE template = 'CONTACT_NOTIFICATION' AND created_at = :t")
                .param("t", now.toEpochMilli()).query(Long.class).single();
    }

    ContactNotifier notifier(int batch) {
        return Notifiers.like(notifier, properties, batch, properties.notifyLease());
    }

    int drain(ContactNotifier n) {
        clock.set(now);
        int rounds = 0;
        while (n.notifyDue() > 0) {
            rounds++;
        }
        return rounds;
    }

    List<Person> people(int n, String prefix) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            people.add(person(prefix + " " + (char) ('A' + i % 26)));
        }
        return people;
    }

    /** The case person at the premises 10:00-11:00; each contact checks in at 10:10 (no check-out). */
    String caseWithContacts(PremisesFixture.Registered premises, Person caseP, List<Person> contacts) {
        visit(caseP, premises, at(10, 0, 0), at(11, 0, 0));
        for (Person c : contacts) {
            visit(c, premises, at(10, 10, 0), null);
        }
        clock.reset();
        HttpResponse<String> r = record(officer, caseP, at(0, 0, 0), at(23, 0, 0));
        assertThat(r.statusCode()).as(r.body()).isIn(200, 201);
        return json(r).path("caseId").asString();
    }

    JsonNode caseNow(String caseId) {
        clock.reset();
        return json(api.get("/api/v1/cases/" + caseId, officer));
    }

    @Test
    void notifiesEveryContactOnceInBatchesAndNeverAgainOnARerun() {
        List<Person> contacts = people(7, "Kenalan Kelompok");
        String caseId = caseWithContacts(fixture.register("Kedai Tujuh"), person("Kes Tujuh"), contacts);

        assertThat(drain(notifier(3))).as("one round for the case, in three batches").isEqualTo(1);
        assertThat(messages()).isEqualTo(7);
        JsonNode c = caseNow(caseId);
        assertThat(c.path("status").asString()).isEqualTo("TRACED");
        assertThat(c.path("contacts").asInt()).isEqualTo(7);
        assertThat(c.path("notified").asInt()).isEqualTo(7);

        HttpResponse<String> again = api.post("/api/v1/cases/" + caseId + "/trace", "", officer);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(drain(notifier(3))).isEqualTo(1);
        assertThat(messages()).as("a re-run finds the same contacts and sends nothing").isEqualTo(7);
        assertThat(caseNow(caseId).path("notified").asInt()).isEqualTo(7);
    }

    @Test
    void aContactNotifiedForAnotherCaseRecentlyOrWithdrawnBeforeItsTurnGetsNoMessage() {
        PremisesFixture.Registered shop = fixture.register("Kedai Dua Kes");
        List<Person> p = people(3, "Kenalan Dua Kes");
        String first = caseWithContacts(shop, person("Kes Pertama"), List.of(p.get(0)));
        assertThat(drain(notifier(10))).isEqualTo(1);
        assertThat(messages()).isEqualTo(1);

        // a second case at the same place and time: p0 again, p1 new, and p2 who came late (14:00)
        Person second = person("Kes Kedua");
        visit(p.get(2), shop, at(14, 0, 0), null);
        visit(second, shop, at(13, 50, 0), at(14, 30, 0));
        String secondId = caseWithContacts(shop, second, List.of(p.get(1)));
        // corrected before the notifier's turn: the period now ends at 12:00, so p2 is no contact any more
        HttpResponse<String> narrowed = correct(officer, secondId, at(0, 0, 0), at(12, 0, 0));
        assertThat(narrowed.statusCode()).as(narrowed.body()).isEqualTo(200);
        assertThat(risk(p.get(2))).isEqualTo("LOW_RISK");
        assertThat(drain(notifier(10))).isEqualTo(1);
        // contacts: p0, p1 and the first case's person (there 10:00-11:00 too); p0 was notified for the first case
        assertThat(messages()).as("p1 and the first case's person; not p0 again, not the withdrawn p2").isEqualTo(3);
        assertThat(caseNow(secondId).path("contacts").asInt()).isEqualTo(3);
        assertThat(caseNow(secondId).path("notified").asInt()).isEqualTo(2);

        // the withdrawn contact comes back with a wider correction: now they are notified, once
        correct(officer, secondId, at(0, 0, 0), at(23, 0, 0));
        assertThat(risk(p.get(2))).isEqualTo("CASUAL_CONTACT");
        assertThat(drain(notifier(10))).isEqualTo(1);
        assertThat(messages()).isEqualTo(4);
        assertThat(caseNow(secondId).path("notified").asInt()).isEqualTo(3);
        assertThat(caseNow(first).path("notified").asInt()).isEqualTo(1);
    }

    @Test
    void twoNotifiersOnOverlappingCasesAtOnceStillSendOneMessagePerContact() throws Exception {
        PremisesFixture.Registered hall = fixture.register("Dewan Dua Nod");
        List<Person> contacts = people(30, "Kenalan Dua Nod");
        Person a = person("Kes Nod A");
        Person b = person("Kes Nod B");
        visit(b, hall, at(10, 5, 0), at(11, 0, 0));
        caseWithContacts(hall, a, contacts); // both cases overlap every contact (and each other)
        HttpResponse<String> rb = record(officer, b, at(0, 0, 0), at(23, 0, 0));
        assertThat(rb.statusCode()).as(rb.body()).isEqualTo(201);
        ContactNotifier x = notifier(4);
        ContactNotifier y = notifier(4);
        clock.set(now);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> fx = pool.submit(() -> drainWithoutClock(x));
            Future<Integer> fy = pool.submit(() -> drainWithoutClock(y));
            assertThat(fx.get() + fy.get()).as("each case's round ran once").isEqualTo(2);
        }
        // 30 contacts plus the two cases, who were at the same place as each other
        assertThat(messages()).isEqualTo(32);
        assertThat(Period.ofDays(10)).isEqualTo(properties.contactRiskPeriod()); // the rule above assumes the default
    }

    private static int drainWithoutClock(ContactNotifier n) {
        int rounds = 0;
        while (n.notifyDue() > 0) {
            rounds++;
        }
        return rounds;
    }

    @Test
    void aRoundLeftByANodeThatDiedIsTakenOverWhenItsLeaseEnds() {
        List<Person> contacts = people(2, "Kenalan Pajakan");
        String caseId = caseWithContacts(fixture.register("Kedai Pajakan"), person("Kes Pajakan"), contacts);
        // another node claimed the round and died: its lease runs until now + 2 minutes
        jdbc.sql("UPDATE tracing_case SET lease_until = :t WHERE id = :id").param("t", now.plus(Duration.ofMinutes(2)).toEpochMilli())
                .param("id", caseId).update();
        assertThat(drain(notifier(10))).isZero();
        assertThat(messages()).isZero();
        now = now.plus(Duration.ofMinutes(2)).plusMillis(1);
        assertThat(drain(notifier(10))).isEqualTo(1);
        assertThat(messages()).isEqualTo(2);
    }

    @Test
    void aCaseRecordedBeforeWindowsExistedGetsThemFromItsCheckinsAndItsContactsBack() {
        List<Person> contacts = people(2, "Kenalan Lama");
        String caseId = caseWithContacts(fixture.register("Kedai Lama"), person("Kes Lama"), contacts);
        drain(notifier(10));
        // as migration V33 leaves a case of before: no windows, windows_at NULL, its round due
        jdbc.sql("DELETE FROM tracing_window WHERE case_id = :id").param("id", caseId).update();
        jdbc.sql("UPDATE tracing_case SET windows_at = NULL, notify_pending = 1, contacts = NULL WHERE id = :id").param("id", caseId).update();
        assertThat(risk(contacts.get(0))).isEqualTo("LOW_RISK");

        now = now.plusMillis(1);
        assertThat(drain(notifier(10))).isEqualTo(1);
        assertThat(risk(contacts.get(0))).isEqualTo("CASUAL_CONTACT");
        JsonNode c = caseNow(caseId);
        assertThat(c.path("caseVisits").asInt()).isEqualTo(1);
        assertThat(c.path("contacts").asInt()).isEqualTo(2);
        assertThat(messages()).as("notified before, within the risk period: not again").isZero();
    }
}
