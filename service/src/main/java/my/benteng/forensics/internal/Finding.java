package my.benteng.forensics.internal;

import java.util.Map;
import java.util.Objects;

/**
 * One thing a sample showed. {@code outcome} is the kind's own word ({@code ATTRIBUTED}, {@code INCONCLUSIVE},
 * {@code NOT_FOUND} for a watermark; {@code UNREADABLE} with a {@code reason} for a file that could not be examined);
 * {@code confidence} is in [0, 1] or null where it means nothing; {@code details} are masked values only.
 */
public record Finding(Kind kind, String outcome, Double confidence, String reason, Map<String, String> details) {

    /** What produced a finding. Open for the other evidence sources of issue 15. */
    public enum Kind { WATERMARK, CANARY, FINGERPRINT, KNOWN_BREACH, UNREADABLE }

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /** Whether this finding names a party: the only kind of finding that may carry an accusation. */
    public boolean attributes() {
        return "ATTRIBUTED".equals(outcome);
    }
}
