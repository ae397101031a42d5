package my.benteng.detection.internal.alert;

import my.benteng.detection.Level;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The alert book on every database: deduplication, bounded evidence, the status rules, silences, audit and the outbox. */
abstract class AlertBookContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    AlertBook book;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    PlatformTransactionManager transactions;

    static String ruleId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return "test-rule-" + HexFormat.of().formatHex(b);
    }

    static Firing firing(String ruleId, String phone, Instant at, List<Long> sequences) {
        return new Firing(ruleId, "OTP bombing of one number", Level.HIGH, List.of("attack.t1621"), Map.of("destination.phone", phone),
                sequences, at, null);
    }

    @Test
    void repeatedMatchesUpdateOneAlertInsteadOfOpeningMore() {
        String rule = ruleId();
        Instant t0 = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AlertBook.Fired first = book.fire(firing(rule, "+60 12-*** **89", t0, List.of(1L, 2L)));
        AlertBook.Fired second = book.fire(firing(rule, "+60 12-*** **89", t0.plusSeconds(30), List.of(3L)));
        AlertBook.Fired third = book.fire(firing(rule, "+60 12-*** **89", t0.plusSeconds(10), List.of(4L)));
        assertThat(first.opened()).isTrue();
        assertThat(second.opened()).isFalse();
        assertThat(third.alert().id()).isEqualTo(first.alert().id()).isEqualTo(second.alert().id());
        Alert alert = book.find(first.alert().id()).orElseThrow();
        assertThat(alert.count()).isEqualTo(3);
        assertThat(alert.evidenceCount()).isEqualTo(4);
        assertThat(alert.firstSeen()).isEqualTo(t0);
        assertThat(alert.lastSeen()).as("a late match does not move last seen back").isEqualTo(t0.plusSeconds(30));
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.attack()).containsExactly("T1621");
        assertThat(alert.summary()).isEqualTo("OTP bombing of one number [destination.phone=+60 12-*** **89]");
        assertThat(book.evidence(alert.id())).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void otherGroupByValuesAreAnotherAlert() {
        String rule = ruleId();
        String a = book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(1L))).alert().id();
        String b = book.fire(firing(rule, "+60 13-*** **17", clock.instant(), List.of(2L))).alert().id();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void evidenceKeepsTheFirstAndTheLastTwentyLinks() {
        String rule = ruleId();
        String id = book.fire(firing(rule, "+60 12-*** **89", clock.instant(), LongStream.rangeClosed(1, 100).boxed().toList())).alert().id();
        book.fire(firing(rule, "+60 12-*** **89", clock.instant(), LongStream.rangeClosed(101, 150).boxed().toList()));
        List<Long> expected = new ArrayList<>(LongStream.rangeClosed(1, 20).boxed().toList());
        expected.addAll(LongStream.rangeClosed(131, 150).boxed().toList());
        assertThat(book.evidence(id)).containsExactlyElementsOf(expected);
        assertThat(book.find(id).orElseThrow().evidenceCount()).isEqualTo(150);
    }

    @Test
    void anAlertMovesFromFiringToAcknowledgedToResolvedAndNeverBack() {
        String rule = ruleId();
        String id = book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(1L))).alert().id();
        assertThat(book.resolve(id, "staff:a", "192.0.2.1")).isInstanceOf(AlertBook.Changed.class);
        assertThat(book.acknowledge(id, "staff:a", null)).isEqualTo(new AlertBook.Conflict(AlertStatus.RESOLVED));
        assertThat(book.resolve(id, "staff:a", null)).isEqualTo(new AlertBook.Conflict(AlertStatus.RESOLVED));

        String next = book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(2L))).alert().id();
        assertThat(next).as("a resolved fingerprint that fires again opens a new alert").isNotEqualTo(id);
        AlertBook.Change ack = book.acknowledge(next, "staff:b", "192.0.2.2");
        assertThat(ack).isInstanceOf(AlertBook.Changed.class);
        Alert acknowledged = ((AlertBook.Changed) ack).alert();
        assertThat(acknowledged.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("staff:b");
        assertThat(book.acknowledge(next, "staff:b", null)).isEqualTo(new AlertBook.Conflict(AlertStatus.ACKNOWLEDGED));
        assertThat(book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(3L))).alert().id())
                .as("an acknowledged alert still counts matches").isEqualTo(next);
        Alert resolved = ((AlertBook.Changed) book.resolve(next, "staff:c", null)).alert();
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo("staff:c");
        assertThat(resolved.count()).isEqualTo(2);
        assertThat(book.acknowledge("00000000-0000-4000-8000-000000000000", "staff:a", null)).isEqualTo(new AlertBook.NotFound());
    }

    @Test
    void everyTransitionIsAudited() {
        String rule = ruleId();
        String id = book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(1L))).alert().id();
        book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(2L)));
        book.acknowledge(id, "staff:a", "192.0.2.1");
        book.resolve(id, "staff:a", "192.0.2.1");
        assertThat(jdbc.sql("SELECT event FROM audit_entry WHERE subject = :id ORDER BY seq").param("id", id).query(String.class).list())
                .containsExactly("detection_alert_fired", "detection_alert_acknowledged", "detection_alert_resolved");
        assertThat(jdbc.sql("SELECT attack_ids FROM audit_entry WHERE subject = :id AND event = 'detection_alert_fired'").param("id", id)
                .query(String.class).single()).contains("T1621");
        assertThat(jdbc.sql("SELECT actor FROM audit_entry WHERE subject = :id AND event = 'detection_alert_resolved'").param("id", id)
                .query(String.class).single()).isEqualTo("staff:a");
    }

    @Test
    void eachTransitionWritesOneDeliveryPerReceiverInItsTransaction() {
        NamedReceiver am = NamedReceiver.fresh("am", true);
        NamedReceiver hook = NamedReceiver.fresh("hook", false);
        AlertBook told = book.withReceivers(List.of(am, hook));
        String rule = ruleId();
        String id = told.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(1L))).alert().id();
        told.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(2L)));
        told.resolve(id, "staff:a", null);
        assertThat(rows(id)).containsExactlyInAnyOrder(am.name() + " FIRED 1", hook.name() + " FIRED 1", am.name() + " RESOLVED 2",
                hook.name() + " RESOLVED 2");

        String rolledBack = ruleId();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            told.fire(firing(rolledBack, "+60 12-*** **89", clock.instant(), List.of(3L)));
            s.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM detection_alert WHERE rule_id = :r").param("r", rolledBack).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM detection_alert_delivery WHERE receiver IN (:r)").param("r", List.of(am.name(), hook.name()))
                .query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void aSilencedFingerprintCountsButTellsNoReceiverUntilTheSilenceEnds() {
        NamedReceiver am = NamedReceiver.fresh("am", true);
        NamedReceiver hook = NamedReceiver.fresh("hook", false);
        AlertBook told = book.withReceivers(List.of(am, hook));
        String rule = ruleId();
        Firing f = firing(rule, "+60 12-*** **89", clock.instant(), List.of(1L));
        String fingerprint = Fingerprint.of(f);
        Instant until = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);
        assertThat(told.silence(fingerprint, until, "maintenance window", "staff:a", "192.0.2.1")).isInstanceOf(AlertBook.Silenced.class);

        AlertBook.Fired fired = told.fire(f);
        assertThat(fired.silenced()).isTrue();
        assertThat(fired.alert().silencedUntil()).isEqualTo(until);
        assertThat(rows(fired.alert().id())).isEmpty();
        told.resendDue(10_000); // earlier tests' open alerts get re-sent to these (new) receivers: look at this alert only
        assertThat(rows(fired.alert().id())).as("nothing re-sent while silenced").isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'detection_alert_silenced' AND subject = :fp")
                .param("fp", fingerprint).query(Long.class).single()).isEqualTo(1);

        clock.advance(Duration.ofHours(3));
        told.resendDue(10_000);
        assertThat(rows(fired.alert().id())).as("after the silence, the receiver that re-sends hears of it")
                .containsExactly(am.name() + " RESENT 2");
        told.resolve(fired.alert().id(), "staff:a", null);
        assertThat(rows(fired.alert().id())).as("a receiver that never heard of the alert is not told of its resolve")
                .containsExactlyInAnyOrder(am.name() + " RESENT 2", am.name() + " RESOLVED 3");
    }

    @Test
    void aFiringAlertIsResentOncePerIntervalToReceiversThatResend() {
        NamedReceiver am = NamedReceiver.fresh("am", true);
        NamedReceiver hook = NamedReceiver.fresh("hook", false);
        AlertBook told = book.withReceivers(List.of(am, hook));
        String id = told.fire(firing(ruleId(), "+60 12-*** **89", clock.instant(), List.of(1L))).alert().id();
        told.resendDue(10_000);
        assertThat(rows(id)).as("the FIRED row is still waiting").hasSize(2);
        jdbc.sql("UPDATE detection_alert_delivery SET status = 'SENT', completed_at = 0 WHERE alert_id = :id").param("id", id).update();
        told.resendDue(10_000);
        assertThat(rows(id)).as("heard of within the interval").hasSize(2);
        clock.advance(Duration.ofMinutes(2));
        told.resendDue(10_000);
        told.resendDue(10_000);
        assertThat(rows(id)).containsExactlyInAnyOrder(am.name() + " FIRED 1", hook.name() + " FIRED 1", am.name() + " RESENT 2");
    }

    @Test
    void silencesAreRefusedWhenTooLongInThePastWithoutAReasonOrForAMalformedFingerprint() {
        String fp = Fingerprint.of(firing(ruleId(), "x", clock.instant(), List.of()));
        Instant soon = clock.instant().plus(Duration.ofHours(1));
        assertThat(book.silence(fp, clock.instant().plus(Duration.ofDays(31)), "r", "staff:a", null)).isEqualTo(
                new AlertBook.Refused("until", "must be in the future, at most 30 days ahead"));
        assertThat(book.silence(fp, clock.instant().minusSeconds(1), "r", "staff:a", null)).isInstanceOf(AlertBook.Refused.class);
        assertThat(book.silence(fp, soon, " ", "staff:a", null)).isEqualTo(new AlertBook.Refused("reason", "must be 1 to 256 printable characters"));
        assertThat(book.silence(fp, soon, "a\nb", "staff:a", null)).isInstanceOf(AlertBook.Refused.class);
        assertThat(book.silence(fp, soon, "x".repeat(257), "staff:a", null)).isInstanceOf(AlertBook.Refused.class);
        assertThat(book.silence(fp.toUpperCase(), soon, "r", "staff:a", null)).isEqualTo(
                new AlertBook.Refused("fingerprint", "must be 64 lower-case hexadecimal digits"));
    }

    @Test
    void parallelMatchesOfANewFingerprintOpenOneAlert() throws Exception {
        String rule = ruleId();
        int n = 8;
        List<Callable<String>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long seq = i + 1;
            tasks.add(() -> book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(seq))).alert().id());
        }
        List<String> ids = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(n)) {
            for (Future<String> f : threads.invokeAll(tasks)) {
                ids.add(f.get());
            }
        }
        assertThat(ids).containsOnly(ids.getFirst());
        assertThat(book.find(ids.getFirst()).orElseThrow().count()).isEqualTo(n);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'detection_alert_fired' AND subject = :id")
                .param("id", ids.getFirst()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theListFiltersByStatusLevelAndTechnique() {
        String rule = ruleId();
        String high = book.fire(firing(rule, "+60 12-*** **89", clock.instant(), List.of(1L))).alert().id();
        String low = book.fire(new Firing(rule, "Password spraying", Level.LOW, List.of("attack.t1110.003"), Map.of("source.ip", "192.0.2.0/24"),
                List.of(2L), clock.instant(), null)).alert().id();
        book.acknowledge(low, "staff:a", null);
        assertThat(ids(new AlertBook.Filter(null, Level.HIGH, null))).contains(high).doesNotContain(low);
        assertThat(ids(new AlertBook.Filter(AlertStatus.ACKNOWLEDGED, null, null))).contains(low).doesNotContain(high);
        assertThat(ids(new AlertBook.Filter(null, null, "T1110.003"))).contains(low).doesNotContain(high);
        assertThat(ids(new AlertBook.Filter(null, null, "T1110"))).as("a technique is not its sub-techniques").doesNotContain(low, high);
    }

    private List<String> ids(AlertBook.Filter filter) {
        return book.list(filter, 0, 100).stream().map(Alert::id).toList();
    }

    private List<String> rows(String alertId) {
        return jdbc.sql("SELECT receiver, transition, alert_version FROM detection_alert_delivery WHERE alert_id = :id ORDER BY alert_version")
                .param("id", alertId).query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3)).list();
    }
}
