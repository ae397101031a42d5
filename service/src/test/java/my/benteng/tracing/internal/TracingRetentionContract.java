package my.benteng.tracing.internal;

import my.benteng.audit.AuditLog;
import my.benteng.premises.PremisesId;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracing retention job deletes exactly the cases whose infectious period ended before the period, with their
 * windows, and the notices older than the period, in batches; run on each database.
 */
abstract class TracingRetentionContract {

    @Autowired
    JdbcTracing tracing;

    @Autowired
    TracingRetention configured;

    @Autowired
    TracingProperties properties;

    @Autowired
    AuditLog audit;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private final PremisesId premises = new PremisesId(UUID.randomUUID().toString());

    /**
     * A case whose infectious period ends at {@code end}, with one window ending at {@code end}, and a notice of a
     * contact notified at {@code end}; the notice's citizen id is the case id, so that the test can find it.
     */
    private String caseEndingAt(Instant end) {
        String id = UUID.randomUUID().toString();
        String citizen = UUID.randomUUID().toString();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            tracing.insertCases(List.of(new JdbcTracing.NewCase(id, citizen, end.minus(Duration.ofDays(3)), end, "officer")), end);
            tracing.insertWindows(List.of(new JdbcTracing.CaseWindow(id, UUID.randomUUID().toString(), citizen, premises,
                    end.minus(Duration.ofHours(1)), end.minus(Duration.ofHours(2)), end)));
            tracing.claimNotices(List.of(id), end, end);
        });
        return id;
    }

    private List<String> remaining(String table, String column, List<String> caseIds) {
        return jdbc.sql("SELECT " + column + " FROM " + table + " WHERE " + column + " IN (:ids)").param("ids", caseIds)
                .query(String.class).list();
    }

    private long due(Instant cutoff) {
        String ended = " WHERE case_id IN (SELECT id FROM tracing_case WHERE infectious_to < :c)";
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM tracing_window" + ended + ") + (SELECT COUNT(*) FROM tracing_notice WHERE notified_at < :c)"
                + " + (SELECT COUNT(*) FROM tracing_case WHERE infectious_to < :c)").param("c", cutoff.toEpochMilli()).query(Long.class).single();
    }

    @Test
    void deletesExactlyWhatIsOlderThanNinetyDays() {
        Instant now = Instant.parse("2027-03-01T00:00:00Z");
        clock.set(now);
        Instant cutoff = Instant.parse("2026-12-01T00:00:00Z"); // 90 days before 1 March 2027, as for check-ins
        assertThat(configured.cutoff()).isEqualTo(cutoff);

        String longAgo = caseEndingAt(cutoff.minus(Duration.ofDays(30)));
        String justDue = caseEndingAt(cutoff.minusMillis(1));
        String exactly = caseEndingAt(cutoff);
        String recent = caseEndingAt(now.minus(Duration.ofHours(1)));
        List<String> all = List.of(longAgo, justDue, exactly, recent);
        long dueInTables = due(cutoff); // the shared database may hold other tests' older rows: they are due as well
        assertThat(dueInTables).isGreaterThanOrEqualTo(6);

        assertThat(configured.purge()).isEqualTo(dueInTables);

        for (String[] t : new String[][] {{"tracing_case", "id"}, {"tracing_window", "case_id"}, {"tracing_notice", "citizen_id"}}) {
            assertThat(remaining(t[0], t[1], all)).as(t[0]).containsExactlyInAnyOrder(exactly, recent);
        }
        assertThat(due(cutoff)).isZero();
        assertThat(configured.purge()).as("nothing more is due at the same instant").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(configured.purge()).isEqualTo(3);
        assertThat(remaining("tracing_case", "id", all)).containsExactly(recent);
    }

    @Test
    void deletesInBatchesUntilNothingIsDue() {
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        clock.set(now);
        TracingProperties p = properties;
        TracingRetention smallBatches = new TracingRetention(tracing, new TracingProperties(p.buffer(), p.assumedStay(), p.longestStay(),
                p.contactRiskPeriod(), p.longestInfectiousPeriod(), p.hotspotWindow(), p.hotspotMinimumCases(), Period.ofDays(30), 2,
                p.notifyBatchSize(), p.notifyInterval(), false, p.notifyLease()), audit, clock);
        List<String> old = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            old.add(caseEndingAt(now.minus(Duration.ofDays(31)).minusSeconds(i)));
        }
        String kept = caseEndingAt(now.minus(Duration.ofDays(29)));

        assertThat(smallBatches.purge()).isGreaterThanOrEqualTo(15);
        List<String> all = new java.util.ArrayList<>(old);
        all.add(kept);
        assertThat(remaining("tracing_case", "id", all)).containsExactly(kept);
        assertThat(remaining("tracing_window", "case_id", all)).containsExactly(kept);
        assertThat(remaining("tracing_notice", "citizen_id", all)).containsExactly(kept);
    }

    @Test
    void refusesARetentionShorterThanTheContactRiskPeriod() {
        TracingProperties p = properties;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TracingProperties(p.buffer(), p.assumedStay(), p.longestStay(),
                        Period.ofDays(10), p.longestInfectiousPeriod(), p.hotspotWindow(), p.hotspotMinimumCases(), Period.ofDays(9), 10, 10,
                        p.notifyInterval(), false, p.notifyLease()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retention");
    }
}
