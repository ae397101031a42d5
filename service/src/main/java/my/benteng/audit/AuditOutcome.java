package my.benteng.audit;

/** What became of the action an audit event describes. */
public enum AuditOutcome {
    /** The action happened. */
    SUCCESS,
    /** The action was attempted and failed (wrong code, provider error). */
    FAILURE,
    /** A control refused the action (rate limit, policy, authorization). */
    DENIED
}
