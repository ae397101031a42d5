package my.benteng.tracing.internal;

import my.benteng.account.Citizens;
import my.benteng.account.VerifiedContact;
import my.benteng.audit.AuditLog;
import my.benteng.messaging.Messaging;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact notifier turns exposures into exactly one outbox message per contact, in batches, after the tracing
 * run committed; run on each database. Messages are told apart from other tests' by their creation time, which the
 * test clock makes unique.
 */
abstract class ContactNotifierContract {

    @Autowired
    JdbcTracing tracing;

    @Autowired
    Citizens citizens;

    @Autowired
    Messaging messaging;

    @Autowired
    AuditLog audit;

    @Autowired
    TracingProperties properties;

    @Autowired
    TestClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ContactNotifier configured;

    Instant now;

    @BeforeEach
    void uniqueInstant() {
        while (configured.notifyDue() > 0) {
            // what other tests left pending is not ours to count
        }
        now = Instant.parse("2031-01-01T00:00:00Z").plusMillis(Math.abs(UUID.randomUUID().getLeastSignificantBits() % 1_000_000_000L));
        clock.set(now);
    }

    /** A notifier as configured, but notifying {@code batch} exposures per transaction. */
    ContactNotifier notifier(int batch) {
        TracingProperties p = properties;
        TracingProperties small = new TracingProperties(p.buffer(), p.assumedStay(), p.longestStay(), p.contactRiskPeriod(),
                p.longestInfectiousPeriod(), p.hotspotWindow(), p.hotspotMinimumCases(), p.retention(), p.purgeBatchSize(), batch,
                p.notifyInterval(), false);
        return new ContactNotifier(tracing, citizens, messaging, audit, small, clock, transactions);
    }

    List<String> citizens(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(citizens.findOrRegister(new VerifiedContact(PremisesFixture.newPhone(), "SIGN_UP"), "Kenalan " + (char) ('A' + i % 26)).id().value());
        }
        return ids;
    }

    void expose(String caseId, List<String> contacts) {
        Map<String, Instant> exposures = new LinkedHashMap<>();
        contacts.forEach(c -> exposures.put(c, now.minus(Duration.ofHours(1))));
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            tracing.deactivateExposures(caseId);
            tracing.upsertExposures(caseId, exposures, Function.identity());
        });
    }

    /** Contact notifications enqueued at this test's instant. */
    long messages() {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE template = 'CONTACT_NOTIFICATION' AND created_at = :t")
                .param("t", now.toEpochMilli()).query(Long.class).single();
    }

    int drain(ContactNotifier notifier) {
        int total = 0;
        int n;
        while ((n = notifier.notifyDue()) > 0) {
            total += n;
        }
        return total;
    }

    @Test
    void notifiesEveryContactOnceInBatchesAndNeverAgainOnARerun() {
        String caseId = UUID.randomUUID().toString();
        List<String> contacts = citizens(7);
        expose(caseId, contacts);
        ContactNotifier byThree = notifier(3);

        assertThat(byThree.notifyDue()).isEqualTo(3);
        assertThat(byThree.notifyDue()).isEqualTo(3);
        assertThat(byThree.notifyDue()).isEqualTo(1);
        assertThat(byThree.notifyDue()).isZero();
        assertThat(messages()).isEqualTo(7);

        expose(caseId, contacts); // the same case again: the exposures stay handled
        assertThat(drain(byThree)).isZero();
        assertThat(messages()).isEqualTo(7);
    }

    @Test
    void aContactNotifiedForAnotherCaseRecentlyOrWithdrawnBeforeItsTurnGetsNoMessage() {
        List<String> people = citizens(3);
        String first = UUID.randomUUID().toString();
        expose(first, List.of(people.get(0)));
        assertThat(drain(notifier(10))).isEqualTo(1);
        assertThat(messages()).isEqualTo(1);

        // a second case with the same contact within the contact risk period, and a contact dropped by a correction
        String second = UUID.randomUUID().toString();
        expose(second, List.of(people.get(0), people.get(1), people.get(2)));
        expose(second, List.of(people.get(0), people.get(1)));
        assertThat(drain(notifier(10))).isEqualTo(2);
        assertThat(messages()).as("only the new contact who is still a contact").isEqualTo(2);

        // the withdrawn contact comes back with a wider correction: now they are notified, once
        expose(second, people);
        assertThat(drain(notifier(10))).isEqualTo(1);
        assertThat(messages()).isEqualTo(3);
    }

    @Test
    void twoNotifiersAtOnceStillSendOneMessagePerContact() throws Exception {
        String caseId = UUID.randomUUID().toString();
        expose(caseId, citizens(40));
        ContactNotifier a = notifier(4);
        ContactNotifier b = notifier(4);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            Future<Integer> x = pool.submit(() -> drain(a));
            Future<Integer> y = pool.submit(() -> drain(b));
            assertThat(x.get() + y.get()).isEqualTo(40);
        }
        assertThat(messages()).isEqualTo(40);
        assertThat(Period.ofDays(10)).isEqualTo(properties.contactRiskPeriod()); // the rule above assumes the default
    }
}
