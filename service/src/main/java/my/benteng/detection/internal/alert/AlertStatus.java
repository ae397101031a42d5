package my.benteng.detection.internal.alert;

import java.util.Locale;
import java.util.Optional;

/** Where an alert is in its life: firing, then acknowledged by someone, then resolved. Only forward. */
public enum AlertStatus {
    /** Matched and nobody has said they are on it. */
    FIRING,
    /** Someone is on it; repeated matches still count. */
    ACKNOWLEDGED,
    /** Over. The fingerprint firing again opens a new alert. */
    RESOLVED;

    /** The spelling in the API: lower case. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status the API spells {@code text}, or empty. */
    public static Optional<AlertStatus> parse(String text) {
        for (AlertStatus s : values()) {
            if (s.apiName().equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
