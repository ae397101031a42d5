package my.benteng.account;

/** What a member of staff may do; each becomes the Spring Security authority {@code ROLE_<name>}. */
public enum StaffRole {
    /** Runs the service: creates staff, manages the shield's registry. */
    OPERATOR,
    /** Works tracing cases and hotspots. */
    HEALTH_OFFICER,
    /** Answers helpdesk tickets. */
    HELPDESK_AGENT,
    /** Reads the audit log and investigates leaks. */
    SECURITY_ANALYST
}
