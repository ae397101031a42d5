package my.benteng.audit;

import java.time.Instant;
import java.util.List;

/**
 * Told about the audit stream in-process, as it happens (detection evaluates its rules here). Implement it as a bean;
 * the audit module finds every implementation.
 *
 * <p>Both methods run on the thread that appended or verified, so they must be quick and must not block on I/O: hand
 * slow work to a queue of your own. An exception is logged and counted ({@code benteng_audit_listener_failures_total})
 * and never undoes or delays the append. {@link #appended} runs after the commit, while the finished transaction's
 * resources are still bound to the thread: any database work there must run in a new transaction.
 */
public interface AuditListener {

    /** Entries one transaction appended, in sequence order, after it committed; never called for a rollback. */
    void appended(List<AuditAppended> entries);

    /**
     * A walk of the chain finished: an explicit verification, or the check before a checkpoint is signed (reported
     * only when it fails). The result is not an entry of the chain it checked.
     */
    default void verified(AuditVerification verification, Instant at) {
    }
}
