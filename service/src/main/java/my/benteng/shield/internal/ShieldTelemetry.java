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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every verdict becomes an audit event (OWASP vocabulary, ATT&CK id where one fits, masked destination only)
 * and a count in {@code benteng.shield.verdicts}; alerts add an ERROR log line and
 * {@code benteng.shield.alerts}.
 */
class ShieldTelemetry {

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

    private final AuditLog audit;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Long> lastAlertLogged = new ConcurrentHashMap<>();

    ShieldTelemetry(AuditLog audit, MeterRegistry meters, Clock clock) {
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
    }

    void verdict(Attempt attempt, Verdict verdict) {
        AuditEvent.Builder event = switch (verdict) {
            case Verdict.Allow allow -> AuditEvent.named("shield_code_allowed").outcome(AuditOutcome.SUCCESS);
            case Verdict.Challenge c -> AuditEvent.named("shield_challenge_issued").outcome(AuditOutcome.DENIED)
                    .detail("difficulty", c.difficulty());
            case Verdict.Deny d -> denied(d);
        };
        audit.record(event.subject(attempt.destination()).clientIp(attempt.clientIp()).reason(verdict.reason())
                .detail("channel", attempt.channel()).detail("purpose", purpose(attempt)));
        Counter.builder("benteng.shield.verdicts").description("Shield verdicts by outcome and reason")
                .tag("outcome", switch (verdict) {
                    case Verdict.Allow a -> "allow";
                    case Verdict.Challenge c -> "challenge";
                    case Verdict.Deny d -> "deny";
                })
                .tag("reason", verdict.reason()).tag("channel", attempt.channel().name().toLowerCase(java.util.Locale.ROOT))
                .register(meters).increment();
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
        } else if (BILLING_TYPES.contains(reason) || reason.startsWith("shield.prefix.") || reason.startsWith("shield.spend.")) {
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

    private static String purpose(Attempt attempt) {
        return PURPOSE.matcher(attempt.purpose()).matches() ? attempt.purpose() : "other";
    }
}
