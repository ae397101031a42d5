package my.benteng.shield;

import java.time.Instant;

/**
 * One operator registry entry.
 *
 * @param digits    the number or prefix as digits after the '+' of E.164 (country code first)
 * @param reason    why the operator added it (free text, bounded; shown to operators only)
 * @param expiresAt after this instant the entry no longer applies
 */
public record RegistryEntry(String id, Action action, Match match, String digits, String reason, String createdBy,
                            Instant createdAt, Instant expiresAt) {

    /** What the entry does. */
    public enum Action {
        ALLOW,
        DENY
    }

    /** Whether {@code digits} is one whole number or the start of many. */
    public enum Match {
        NUMBER,
        PREFIX
    }

    /** An entry an operator asks to add. */
    public record Draft(Action action, Match match, String digits, String reason, Instant expiresAt) {
    }

    /** Whether this entry covers the number with the given E.164 digits. */
    public boolean covers(String e164Digits) {
        return match == Match.NUMBER ? digits.equals(e164Digits) : e164Digits.startsWith(digits);
    }
}
