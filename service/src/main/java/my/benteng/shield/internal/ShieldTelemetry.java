package my.benteng.shield.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.shield.Attempt;
import my.benteng.shield.DenyKind;
import my.benteng.shield.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Every verdict becomes an audit event (OWASP vocabulary, ATT&CK id where one fits, masked destination only)
 * and a count in {@code benteng.shield.verdicts}; alerts add an ERROR log line and
 * {@code benteng.shield.alerts}.
 *
 * <p>Allows (a code is about to be sent) and alerts are audited synchronously. Refusals and challenges, the
 * bulk of an attack, go through a bounded queue that one writer appends in batches (one transaction, one hold
 * of the chain head per batch): written synchronously, each refusal cost a commit under the chain's single
 * lock, so an attacker could turn the audit log into the service's bottleneck. When the queue is full,
 * refusals are counted per reason and written as one {@code shield_verdicts_coalesced} event, so nothing goes
 * unrecorded, only less detailed.
 */
class ShieldTelemetry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ShieldTelemetry.class);
    /** ATT&CK T1496.003: SMS pumping (resource hijacking for toll fraud). */
    static final String PUMPING = "T1496.003";
    /** ATT&CK T1621: bombing a person with authentication requests. */
    static final String BOMBING = "T1621";
    private static final Set<String> BILLING_TYPES = Set.of("shield.destination.premium_rate", "shield.destination.shared_cost",
            "shield.destination.toll_free", "shield.destination.uan");
    private static final Pattern PURPOSE = Pattern.compile("[A-Z][A-Z_]{0,31}");
    /** The same alert is logged at most once in this many milliseconds, so an outage cannot flood the log. */
    private static final long ALERT_LOG_INTERVAL = 30_000;
    /** Refusals appended per transaction by the batch writer. */
    private static final int BATCH = 256;

    private final AuditLog audit;
    private final DestinationHasher subjects;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Map<String, Long> lastAlertLogged = new ConcurrentHashMap<>();
    /** Null: refusals are written synchronously (unit tests, tools). */
    private final BlockingQueue<AuditEvent> refusals;
    private final CoalescedCounts coalesced = new CoalescedCounts();
    private final Thread writer;
    private final Object idle = new Object();
    private volatile boolean closing;
    private volatile boolean writing;
    private final int refusalsPerSecond;
    private volatile long currentSecond;
    private final java.util.concurrent.atomic.AtomicInteger inSecond = new java.util.concurrent.atomic.AtomicInteger();

    /** Writes every verdict synchronously, without subject hashes (unit tests, tools). */
    ShieldTelemetry(AuditLog audit, MeterRegistry meters, Clock clock) {
        this(audit, meters, clock, 0, Integer.MAX_VALUE, null);
    }

    /**
     * @param queueCapacity     refusals waiting for the batch writer before they are coalesced into counts; 0 writes
     *                          every verdict synchronously
     * @param refusalsPerSecond refusals per second audited one by one; beyond, per-reason counts
     * @param subjects          the keyed subject hash a refusal's entry carries for detection's group-by; null for none
     */
    ShieldTelemetry(AuditLog audit, MeterRegistry meters, Clock clock, int queueCapacity, int refusalsPerSecond,
                    DestinationHasher subjects) {
        this.audit = audit;
        this.subjects = subjects;
        this.refusalsPerSecond = refusalsPerSecond;
        this.meters = meters;
        this.clock = clock;
        if (queueCapacity > 0) {
            this.refusals = new ArrayBlockingQueue<>(queueCapacity);
            this.writer = Thread.ofPlatform().daemon().name("shield-audit-writer").start(this::writeLoop);
            meters.gauge("benteng.shield.audit.queue", refusals, BlockingQueue::size);
        } else {
            this.refusals = null;
            this.writer = null;
        }
    }

    void verdict(Attempt attempt, Verdict verdict) {
        // the audit event is built only when it will be written: most of a flood's refusals are only counted
        if (refusals == null || verdict instanceof Verdict.Allow) {
            audit.record(complete(event(verdict), attempt, verdict));
        } else if (closing || !withinIndividualRate() || !refusals.offer(complete(event(verdict), attempt, verdict))) {
            coalesced.add(verdict.reason());
        }
        String outcome = switch (verdict) {
            case Verdict.Allow a -> "allow";
            case Verdict.Challenge c -> "challenge";
            case Verdict.Deny d -> "deny";
        };
        String channel = attempt.channel().name().toLowerCase(java.util.Locale.ROOT);
        // reasons are the shield's own fixed codes, so this map stays as small as the metric's tag set
        counters.computeIfAbsent(outcome + '|' + verdict.reason() + '|' + channel, k -> Counter.builder("benteng.shield.verdicts")
                .description("Shield verdicts by outcome and reason")
                .tag("outcome", outcome).tag("reason", verdict.reason()).tag("channel", channel)
                .register(meters)).increment();
    }

    private static AuditEvent.Builder event(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Allow allow -> AuditEvent.named("shield_code_allowed").outcome(AuditOutcome.SUCCESS);
            case Verdict.Challenge c -> AuditEvent.named("shield_challenge_issued").outcome(AuditOutcome.DENIED)
                    .detail("difficulty", c.difficulty());
            case Verdict.Deny d -> denied(d);
        };
    }

    private static AuditEvent.Builder denied(Verdict.Deny d) {
        String reason = d.reason();
        AuditEvent.Builder event = switch (d.kind()) {
            case UNDELIVERABLE -> AuditEvent.named("input_validation_fail");
            case RATE_LIMITED -> AuditEvent.named("excess_rate_limit_exceeded");
            case UNAVAILABLE -> reason.startsWith("shield.spend.") ? AuditEvent.named("excess_rate_limit_exceeded")
                    : AuditEvent.named("shield_unavailable");
        };
        event.outcome(d.kind() == DenyKind.UNAVAILABLE && !reason.startsWith("shield.spend.") ? AuditOutcome.FAILURE : AuditOutcome.DENIED)
                .detail("retry_after_s", d.retryAfter().toSeconds());
        if (reason.startsWith("shield.destination.") && !BILLING_TYPES.contains(reason) && d.kind() == DenyKind.RATE_LIMITED
                || reason.equals("shield.quiet_hours")) {
            event.attack(BOMBING);
        } else if (BILLING_TYPES.contains(reason) || reason.startsWith("shield.prefix.") || reason.startsWith("shield.spend.")
                || reason.startsWith("shield.pumping.")) {
            event.attack(PUMPING);
        }
        return event;
    }

    /** An alert: audit event, ERROR log line (throttled) and a count in {@code benteng.shield.alerts}. */
    void alert(String name, String reason, String subject, String attackId, Map<String, Object> details) {
        AuditEvent.Builder event = AuditEvent.named(name).outcome(AuditOutcome.FAILURE).reason(reason).subject(subject);
        if (attackId != null) {
            event.attack(attackId);
        }
        details.forEach(event::detail);
        try {
            audit.record(event);
        } catch (RuntimeException e) {
            log.error("shield alert could not be audited: {}", e.getClass().getName());
        }
        Counter.builder("benteng.shield.alerts").description("Shield alerts by reason").tag("reason", reason)
                .register(meters).increment();
        long now = clock.millis();
        Long last = lastAlertLogged.get(reason + subject);
        if (last == null || now - last >= ALERT_LOG_INTERVAL) {
            lastAlertLogged.put(reason + subject, now);
            log.error("shield alert {} reason={} subject={} details={}", name, reason, subject, details);
        }
    }

    /**
     * A pumping level changed: audited synchronously (it is rare and it explains every hold and challenge that
     * follows), logged, counted. The subject is a scope ({@code p7:6012345}), never a whole number.
     */
    void pumpingLevelChanged(PumpingSignal.Transition t) {
        boolean raised = t.to().compareTo(t.from()) > 0;
        AuditEvent.Builder event = AuditEvent.named("shield_pumping_level_changed")
                .outcome(raised ? AuditOutcome.FAILURE : AuditOutcome.SUCCESS)
                .reason("shield.pumping." + t.to().name().toLowerCase(java.util.Locale.ROOT)).subject(t.scope()).attack(PUMPING)
                .detail("from", t.from().name()).detail("to", t.to().name())
                .detail("ratio", Math.round(t.ratio() * 1000) / 1000.0).detail("baseline", Math.round(t.baseline() * 1000) / 1000.0)
                .detail("sent", t.sent());
        try {
            audit.record(event);
        } catch (RuntimeException e) {
            log.error("pumping level change could not be audited: {}", e.getClass().getName());
        }
        Counter.builder("benteng.shield.pumping.transitions").description("Pumping level changes by target level")
                .tag("to", t.to().name().toLowerCase(java.util.Locale.ROOT)).register(meters).increment();
        log.warn("shield pumping level {} -> {} scope={} ratio={} baseline={} sent={}", t.from(), t.to(), t.scope(),
                String.format(java.util.Locale.ROOT, "%.3f", t.ratio()), String.format(java.util.Locale.ROOT, "%.3f", t.baseline()), t.sent());
    }

    MeterRegistry meters() {
        return meters;
    }

    private AuditEvent complete(AuditEvent.Builder event, Attempt attempt, Verdict verdict) {
        if (subjects != null && verdict instanceof Verdict.Deny) {
            // refusals only, where detection groups by the victim: the mask merges numbers, the keyed hash does not
            event.detail(DestinationHasher.SUBJECT_LABEL, subjects.subject(attempt.destination()));
        }
        // masked() (+6012*****89), not toString(): the shield's audit subjects have always been the bare masked value
        return event.subject(attempt.destination().masked()).clientIp(attempt.clientIp()).reason(verdict.reason())
                .detail("channel", attempt.channel()).detail("purpose", purpose(attempt)).build();
    }

    /**
     * At most {@code refusalsPerSecond} refusals a second become entries of their own; the rest of that second's
     * flood is recorded as per-reason counts. An attacker decides how many refusals there are; it must not decide
     * how much the audit chain (one writer, hash-linked) has to write.
     */
    private boolean withinIndividualRate() {
        long second = clock.millis() / 1000;
        if (second != currentSecond) {
            synchronized (this) {
                if (second != currentSecond) {
                    inSecond.set(0);
                    currentSecond = second;
                }
            }
        }
        return inSecond.incrementAndGet() <= refusalsPerSecond;
    }

    private void writeLoop() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (!closing || !refusals.isEmpty() || !coalesced.isEmpty()) {
            try {
                AuditEvent first = refusals.poll(200, TimeUnit.MILLISECONDS);
                writing = true;
                if (first != null) {
                    batch.add(first);
                    refusals.drainTo(batch, BATCH - 1);
                }
                AuditEvent summary = coalescedSummary();
                if (summary != null) {
                    batch.add(summary);
                }
                if (!batch.isEmpty()) {
                    audit.recordAll(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closing = true;
            } catch (RuntimeException e) {
                // the database is failing; the request path is not waiting for this, so count and go on
                meters.counter("benteng.shield.audit.lost").increment(batch.size());
                log.error("shield refusals could not be audited ({} events): {}", batch.size(), e.getClass().getName());
            } finally {
                batch.clear();
                writing = false;
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
    }

    /** One event with the per-reason counts of refusals that found the queue full, or null when there were none. */
    private AuditEvent coalescedSummary() {
        if (coalesced.isEmpty()) {
            return null;
        }
        AuditEvent.Builder event = AuditEvent.named("shield_verdicts_coalesced").outcome(AuditOutcome.DENIED)
                .reason("shield.audit.queue_full");
        long total = 0;
        for (Map.Entry<String, Long> count : coalesced.takeAll().entrySet()) {
            total += count.getValue();
            event.detail(count.getKey(), count.getValue());
        }
        return total == 0 ? null : event.build();
    }

    /** Waits until every refusal queued so far is written (tests, shutdown). */
    void flush() {
        if (refusals == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (idle) {
            while ((!refusals.isEmpty() || writing || !coalesced.isEmpty()) && System.nanoTime() < deadline) {
                try {
                    idle.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String purpose(Attempt attempt) {
        return PURPOSE.matcher(attempt.purpose()).matches() ? attempt.purpose() : "other";
    }
}
