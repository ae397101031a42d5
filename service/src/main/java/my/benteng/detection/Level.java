package my.benteng.detection;

import java.util.Locale;
import java.util.Optional;

/**
 * How serious a rule's match is: Sigma's five levels, lowest first, so that {@code compareTo} orders them. A rule names
 * one; an alert carries its rule's level; delivery maps it to the receiver's severity.
 */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The level a rule file spells ({@code high}), or empty for anything else. */
    public static Optional<Level> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Level level : values()) {
            if (level.sigmaName().equals(text)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The spelling in a rule file and in alert labels: lower case. */
    public String sigmaName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
