package my.benteng.detection.internal.alert;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.detection.Level;
import my.benteng.platform.RandomIds;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The book of alerts: where rule matches become alerts and operators move them on. A match with the fingerprint of an
 * open alert counts on that alert (deduplication); one without opens a new alert. Every change is one transaction that
 * also writes its audit event and, for a change receivers hear of, one delivery outbox row per receiver, so a notice is
 * neither lost nor sent for a change that rolled back. Silenced fingerprints still count, but tell no receiver.
 * <p>{@link #fire} joins the caller's transaction when there is one (never a second one: on SQLite the caller's
 * transaction holds the write lock that a second would wait for).
 */
public final class AlertBook {

    private final JdbcAlerts alerts;
    private final JdbcAlertDeliveries deliveries;
    private final List<AlertReceiver> receivers;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random;
    private final AlertProperties properties;
    private final AlertGauge gauge;

    AlertBook(JdbcAlerts alerts, JdbcAlertDeliveries deliveries, List<AlertReceiver> receivers, AuditLog audit, TransactionTemplate tx,
              JsonMapper json, Clock clock, SecureRandom random, AlertProperties properties, AlertGauge gauge) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.receivers = List.copyOf(receivers);
        this.audit = audit;
        this.tx = tx;
        this.json = json;
        this.clock = clock;
        this.random = random;
        this.properties = properties;
        this.gauge = gauge;
    }

    /** The same book telling other receivers (tests, tools). */
    AlertBook withReceivers(List<AlertReceiver> other) {
        return new AlertBook(alerts, deliveries, other, audit, tx, json, clock, random, properties, gauge);
    }

    List<AlertReceiver> receivers() {
        return receivers;
    }

    /** What a match did: the alert after it, whether it opened that alert, and whether its fingerprint is silenced. */
    public record Fired(Alert alert, boolean opened, boolean silenced) {
    }

    /** Records a match: counts it on the open alert of its fingerprint, or opens one (audited, and delivered unless silenced). */
    public Fired fire(Firing firing) {
        String fingerprint = Fingerprint.of(firing);
        List<Long> links = firing.boundedEvidence(properties.evidenceLinks());
        Fired fired = tx.execute(s -> {
            long now = clock.millis();
            long at = firing.at().toEpochMilli();
            boolean opened = false;
            // on PostgreSQL two nodes may race to open: the loser's insert does nothing and it counts on the winner's alert
            for (int round = 0; round < 2 && !opened; round++) {
                if (alerts.countMatch(fingerprint, at, firing.auditSequences().size())) {
                    break;
                }
                opened = alerts.open(new JdbcAlerts.NewAlert(RandomIds.uuid(random), fingerprint, firing,
                        AlertText.summary(firing.title(), firing.sortedGroupBy(), firing.summary()), firing.auditSequences().size(), now));
            }
            Alert alert = alerts.findOpen(fingerprint, now).orElseThrow(() -> new IllegalStateException("the open alert vanished"));
            alerts.addEvidence(alert.id(), links, properties.evidenceLinks());
            boolean silenced = alert.silencedUntil() != null;
            if (opened) {
                audit.record(AuditEvent.named("detection_alert_fired").reason("detection.alert.fired").subject(alert.id())
                        .attack(alert.attack().toArray(String[]::new)).detail("rule", alert.ruleId()).detail("level", alert.level().sigmaName())
                        .detail("fingerprint", fingerprint).detail("silenced", silenced));
                if (!silenced) {
                    for (AlertReceiver r : receivers) {
                        enqueue(alert, r, Transition.FIRED, alert.version(), now);
                    }
                }
            }
            return new Fired(alert, opened, silenced);
        });
        if (fired.opened()) {
            gauge.refresh();
        }
        return fired;
    }

    /** What an operator's change did. */
    public sealed interface Change permits Changed, NotFound, Conflict {
    }

    /** Done; the alert after the change. */
    public record Changed(Alert alert) implements Change {
    }

    /** No alert has that id. */
    public record NotFound() implements Change {
    }

    /** The alert's status does not allow the change (acknowledging a resolved alert, resolving twice). */
    public record Conflict(AlertStatus current) implements Change {
    }

    /** Firing → acknowledged, audited. */
    public Change acknowledge(String alertId, String actor, String clientIp) {
        Change change = tx.execute(s -> {
            long now = clock.millis();
            if (!alerts.acknowledge(alertId, actor, now)) {
                return refusal(alertId, now);
            }
            Alert alert = alerts.find(alertId, now).orElseThrow();
            audit.record(AuditEvent.named("detection_alert_acknowledged").actor(actor).clientIp(clientIp).reason("detection.alert.acknowledged")
                    .subject(alertId).detail("rule", alert.ruleId()).detail("fingerprint", alert.fingerprint()));
            return new Changed(alert);
        });
        gauge.refresh();
        return change;
    }

    /**
     * Firing or acknowledged → resolved, audited; each receiver that heard of the alert is told. The fingerprint is free
     * again: its next match opens a new alert.
     */
    public Change resolve(String alertId, String actor, String clientIp) {
        Change change = tx.execute(s -> {
            long now = clock.millis();
            if (!alerts.resolve(alertId, actor, now)) {
                return refusal(alertId, now);
            }
            int version = alerts.nextVersion(alertId);
            Alert alert = alerts.find(alertId, now).orElseThrow();
            audit.record(AuditEvent.named("detection_alert_resolved").actor(actor).clientIp(clientIp).reason("detection.alert.resolved")
                    .subject(alertId).detail("rule", alert.ruleId()).detail("fingerprint", alert.fingerprint()));
            for (AlertReceiver r : receivers) {
                if (deliveries.hasHeardOf(alertId, r.name())) {
                    enqueue(alert, r, Transition.RESOLVED, version, now);
                }
            }
            return new Changed(alert);
        });
        gauge.refresh();
        return change;
    }

    private Change refusal(String alertId, long now) {
        return alerts.find(alertId, now).<Change>map(a -> new Conflict(a.status())).orElseGet(NotFound::new);
    }

    /** What a silence request did. */
    public sealed interface SilenceOutcome permits Silenced, Refused {
    }

    public record Silenced(String id, String fingerprint, Instant until) implements SilenceOutcome {
    }

    /** The request broke a rule: the field and the rule, never the value. */
    public record Refused(String field, String rule) implements SilenceOutcome {
    }

    static final int MAX_REASON = 256;

    /**
     * No notice for {@code fingerprint} until {@code until}, for a reason; audited with the reason. The alert itself keeps
     * counting, and shows the silence.
     */
    public SilenceOutcome silence(String fingerprint, Instant until, String reason, String actor, String clientIp) {
        if (!Fingerprint.isFingerprint(fingerprint)) {
            return new Refused("fingerprint", "must be 64 lower-case hexadecimal digits");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > MAX_REASON || AlertText.hasUnsafeCharacter(why)) {
            return new Refused("reason", "must be 1 to " + MAX_REASON + " printable characters");
        }
        long now = clock.millis();
        Duration length = until == null ? null : Duration.ofMillis(until.toEpochMilli() - now);
        if (length == null || length.isNegative() || length.isZero() || length.compareTo(properties.maxSilence()) > 0) {
            return new Refused("until", "must be in the future, at most " + properties.maxSilence().toDays() + " days ahead");
        }
        String id = RandomIds.uuid(random);
        tx.executeWithoutResult(s -> {
            alerts.silence(id, fingerprint, until.toEpochMilli(), why, actor, now);
            // the reason is an operator's free text: the audit event clips it and neutralises control characters
            audit.record(AuditEvent.named("detection_alert_silenced").actor(actor).clientIp(clientIp).reason("detection.alert.silenced")
                    .subject(fingerprint).detail("silence", id).detail("until", until.toString()).detail("note", why));
        });
        return new Silenced(id, fingerprint, until);
    }

    public Optional<Alert> find(String alertId) {
        return alerts.find(alertId, clock.millis());
    }

    /** The kept evidence links of an alert: audit sequence numbers, ascending. */
    public List<Long> evidence(String alertId) {
        return alerts.evidence(alertId);
    }

    /** What a list may be narrowed to; null fields do not narrow. */
    public record Filter(AlertStatus status, Level level, String attackId) {
    }

    public List<Alert> list(Filter filter, int page, int size) {
        return alerts.list(new JdbcAlerts.Filter(filter.status(), filter.level(), filter.attackId()), page, size, clock.millis());
    }

    /**
     * Writes a RESENT row for each receiver that re-sends, for open alerts not silenced that it has not heard of within
     * the resend interval: at most {@code limit} per receiver, each alert in its own short transaction.
     *
     * @return rows written
     */
    public int resendDue(int limit) {
        int written = 0;
        for (AlertReceiver r : receivers) {
            if (!r.resendsWhileFiring()) {
                continue;
            }
            long now = clock.millis();
            for (String id : alerts.dueForResend(r.name(), now - properties.resendInterval().toMillis(), now, limit)) {
                Boolean wrote = tx.execute(s -> {
                    int version = alerts.nextVersion(id); // first: the alert's row lock orders this against other nodes' re-sends
                    Optional<Alert> alert = alerts.find(id, now);
                    if (alert.isEmpty() || alert.get().status() == AlertStatus.RESOLVED || alert.get().silencedUntil() != null
                            || deliveries.heardOfSince(id, r.name(), now - properties.resendInterval().toMillis())) {
                        return false;
                    }
                    enqueue(alert.get(), r, Transition.RESENT, version, now);
                    return true;
                });
                written += Boolean.TRUE.equals(wrote) ? 1 : 0;
            }
        }
        return written;
    }

    /** Alerts deleted per transaction by {@link #purgeResolved()}: short transactions on SQLite's one write lock. */
    static final int PURGE_BATCH = 500;

    /**
     * Deletes resolved alerts whose resolve is older than {@code benteng.detection.retention}, with their evidence links
     * and deliveries, in short transactions, and audits how many went. The daily job calls it (tests call it directly).
     *
     * @return the alerts deleted
     */
    public int purgeResolved() {
        long before = clock.instant().atOffset(java.time.ZoneOffset.UTC).minus(properties.retention()).toInstant().toEpochMilli();
        int total = 0;
        while (true) {
            Integer deleted = tx.execute(status -> alerts.delete(alerts.resolvedBefore(before, PURGE_BATCH)));
            total += deleted == null ? 0 : deleted;
            if (deleted == null || deleted < PURGE_BATCH) {
                break;
            }
        }
        if (total > 0) {
            audit.record(AuditEvent.named("detection_alerts_purged").reason("detection.alert.retention").subject("detection")
                    .detail("alerts", total).detail("resolved_before", Instant.ofEpochMilli(before)));
        }
        return total;
    }

    private void enqueue(Alert alert, AlertReceiver receiver, Transition transition, int version, long now) {
        deliveries.insert(RandomIds.uuid(random), alert.id(), receiver.name(), transition, version,
                json.writeValueAsString(AlertNotice.of(alert)), now);
    }
}
