package my.benteng.detection.internal.sigma;

import my.benteng.detection.Level;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule matched: what the alerts side turns into (or adds to) an alert. Rule id plus group-by values is the
 * fingerprint.
 *
 * @param ruleId    the rule's Sigma id
 * @param title     the rule's title (from the rule file, never from an event)
 * @param attack    ATT&CK technique ids from the rule's tags ({@code T1110.003})
 * @param groupBy   group-by field to value, in the rule's order; empty for a detection rule or a global count. Values
 *                  come from audit fields, which are masked by the audit contract; here they are also clipped and
 *                  stripped of control characters, so they are safe to log — but they are still input and must be
 *                  escaped wherever they are displayed
 * @param auditSeqs sequence numbers of the audit entries that contributed (the most recent, at most
 *                  {@link CorrelationState#EVIDENCE}), oldest first; empty when the event was not an audit entry
 * @param time      the time of the event that completed the match
 */
public record Match(String ruleId, String title, Level level, List<String> attack, Map<String, String> groupBy,
                    List<Long> auditSeqs, Instant time) {

    /** Longest group-by value kept. */
    static final int MAX_VALUE = 64;

    public Match {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(time, "time");
        attack = List.copyOf(attack);
        LinkedHashMap<String, String> clean = new LinkedHashMap<>();
        groupBy.forEach((k, v) -> clean.put(k, sanitise(v)));
        groupBy = Collections.unmodifiableMap(clean);
        auditSeqs = List.copyOf(auditSeqs);
    }

    static String sanitise(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(value.length(), MAX_VALUE));
        for (int i = 0; i < value.length() && b.length() < MAX_VALUE; i++) {
            char c = value.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '\uFFFD' : c);
        }
        return b.toString();
    }
}
