package my.benteng.audit;

/**
 * Writes audit events. {@link #record} joins the caller's transaction, so the event and the business
 * change commit together or not at all; if the audit write fails, the caller's operation fails with it.
 */
public interface AuditLog {

    /** Appends the event to the chain and returns its sequence number. */
    long record(AuditEvent event);

    default long record(AuditEvent.Builder event) {
        return record(event.build());
    }

    /**
     * Appends several events in one transaction (one commit, one hold of the chain head) and returns the last
     * sequence number, or 0 for an empty list. For writers that batch high-volume events, such as refusals.
     */
    default long recordAll(java.util.List<AuditEvent> events) {
        long last = 0;
        for (AuditEvent e : events) {
            last = record(e);
        }
        return last;
    }
}
