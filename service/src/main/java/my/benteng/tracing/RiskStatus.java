package my.benteng.tracing;

/** A citizen's risk status as the app shows it. */
public enum RiskStatus {
    /** No recent exposure known. */
    LOW_RISK,
    /** Was at a premises at the same time as a case, within the contact risk period. */
    CASUAL_CONTACT
}
