package my.benteng.audit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One security-relevant event. {@code name} uses the OWASP logging vocabulary
 * ({@code authn_login_fail}, {@code excess_rate_limit_exceeded}, {@code sensitive_read}, ...);
 * {@code subject} must already be masked (pass a value object's {@code toString()}, never raw data);
 * {@code reason} is an internal stable code such as {@code otp.destination.daily_cap}. Never put a
 * secret, code or unmasked personal data in any field.
 */
public record AuditEvent(
        String name,
        String actor,
        String subject,
        String clientIp,
        String reason,
        AuditOutcome outcome,
        List<String> attackIds,
        Map<String, String> details) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_:.]{0,63}");
    private static final Pattern ATTACK_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final int MAX_FIELD = 256;

    public AuditEvent {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("audit event name must be a lower-case vocabulary word");
        }
        actor = clip(actor == null || actor.isBlank() ? "system" : actor);
        subject = clip(subject);
        clientIp = clip(clientIp);
        reason = clip(reason);
        outcome = Objects.requireNonNull(outcome, "outcome");
        attackIds = List.copyOf(attackIds == null ? List.of() : attackIds);
        for (String id : attackIds) {
            if (!ATTACK_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("not an ATT&CK technique id");
            }
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> sorted.put(clip(k), clip(v)));
        }
        details = java.util.Collections.unmodifiableSortedMap(sorted);
    }

    /** Starts an event with the given vocabulary name; outcome defaults to SUCCESS. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** Control characters are replaced and fields are bounded, so an entry can never forge a log line. */
    private static String clip(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_FIELD));
        for (int i = 0; i < value.length() && b.length() < MAX_FIELD; i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) ? '\uFFFD' : c);
        }
        return b.toString();
    }

    /** Fluent construction for call sites that set only a few fields. */
    public static final class Builder {
        private final String name;
        private String actor;
        private String subject;
        private String clientIp;
        private String reason;
        private AuditOutcome outcome = AuditOutcome.SUCCESS;
        private List<String> attackIds = List.of();
        private final Map<String, String> details = new TreeMap<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder actor(String actor) {
            this.actor = actor;
            return this;
        }

        /** A masked subject: pass a value object (its {@code toString()} is masked) or an opaque id. */
        public Builder subject(Object subject) {
            this.subject = subject == null ? null : subject.toString();
            return this;
        }

        public Builder clientIp(Object clientIp) {
            this.clientIp = clientIp == null ? null : clientIp.toString();
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder outcome(AuditOutcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder attack(String... techniqueIds) {
            this.attackIds = List.of(techniqueIds);
            return this;
        }

        public Builder detail(String key, Object value) {
            this.details.put(key, String.valueOf(value));
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(name, actor, subject, clientIp, reason, outcome, attackIds, details);
        }
    }
}
