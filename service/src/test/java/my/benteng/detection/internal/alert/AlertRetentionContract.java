package my.benteng.detection.internal.alert;

import my.benteng.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention of alerts on every database: a resolved alert goes with its evidence links and deliveries once its resolve
 * is older than the retention (90 days), and nothing else does — not a younger resolved alert, not a firing or an
 * acknowledged one however old. The job is called directly (scheduled jobs are off in the test contexts).
 */
abstract class AlertRetentionContract {

    private static final Duration RETENTION = Duration.ofDays(90);

    @Autowired
    AlertBook sharedBook;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private int rows(String table, String column, String id) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?").param(id).query(Integer.class).single();
    }

    @Test
    void resolvedAlertsOlderThanTheRetentionArePurgedWithTheirEvidenceAndDeliveriesAndNothingElse() {
        // a receiver of this test's own, so that transitions write outbox rows (never dispatched)
        AlertBook book = sharedBook.withReceivers(List.of(NamedReceiver.fresh("retention", false)));
        Instant t0 = clock.instant();
        clock.set(t0);
        String old = book.fire(AlertBookContract.firing(AlertBookContract.ruleId(), "+60 12-*** **89", t0, List.of(11L, 12L))).alert().id();
        String firing = book.fire(AlertBookContract.firing(AlertBookContract.ruleId(), "+60 12-*** **88", t0, List.of(13L))).alert().id();
        String acknowledged = book.fire(AlertBookContract.firing(AlertBookContract.ruleId(), "+60 12-*** **87", t0, List.of(14L))).alert().id();
        assertThat(book.resolve(old, "staff:retention", null)).isInstanceOf(AlertBook.Changed.class);
        assertThat(book.acknowledge(acknowledged, "staff:retention", null)).isInstanceOf(AlertBook.Changed.class);
        assertThat(rows("detection_alert_evidence", "alert_id", old)).isEqualTo(2);
        assertThat(rows("detection_alert_delivery", "alert_id", old)).as("fired and resolved").isEqualTo(2);

        clock.set(t0.plus(RETENTION).minusSeconds(60));
        String young = book.fire(AlertBookContract.firing(AlertBookContract.ruleId(), "+60 12-*** **86", clock.instant(), List.of(15L)))
                .alert().id();
        assertThat(book.resolve(young, "staff:retention", null)).isInstanceOf(AlertBook.Changed.class);
        sharedBook.purgeResolved();
        assertThat(book.find(old)).as("resolved a minute less than the retention ago").isPresent();

        clock.set(t0.plus(RETENTION).plusSeconds(1));
        assertThat(sharedBook.purgeResolved()).isGreaterThanOrEqualTo(1);

        assertThat(book.find(old)).isEmpty();
        assertThat(rows("detection_alert", "id", old)).isZero();
        assertThat(rows("detection_alert_evidence", "alert_id", old)).isZero();
        assertThat(rows("detection_alert_delivery", "alert_id", old)).isZero();
        assertThat(book.find(young)).as("resolved within the retention").isPresent();
        assertThat(book.find(firing)).as("firing, however old").isPresent();
        assertThat(book.find(acknowledged)).as("acknowledged, however old").isPresent();
        assertThat(rows("detection_alert_evidence", "alert_id", firing)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'detection_alerts_purged' AND recorded_at >= ?")
                .param(t0.plus(RETENTION).toEpochMilli()).query(Integer.class).single()).as("the purge is audited").isPositive();
    }
}
