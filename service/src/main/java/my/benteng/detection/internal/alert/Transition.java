package my.benteng.detection.internal.alert;

import java.util.Locale;

/** A change of an alert that receivers are told about. */
public enum Transition {
    /** A new alert (or the first notice after its fingerprint's silence ended, for receivers that re-send). */
    FIRED,
    /** Still firing: re-sent at an interval to receivers that expire alerts not heard of (Alertmanager). */
    RESENT,
    /** Resolved by an operator. */
    RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
