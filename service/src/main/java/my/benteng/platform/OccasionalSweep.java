package my.benteng.platform;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes what has expired from a store of limits, piggy-backed on the store's own traffic instead of a scheduled job:
 * at most once per interval of service time, by one caller, and never inside a caller's transaction (a failed sweep
 * would mark that transaction rollback-only and lose the decision just made there; a later call sweeps instead).
 */
public final class OccasionalSweep {

    private static final Logger log = LoggerFactory.getLogger(OccasionalSweep.class);

    private final long everyMillis;
    private final String what;
    private final AtomicLong nextAt = new AtomicLong(Long.MIN_VALUE);

    /** @param what what is swept, for the log line of a failed sweep */
    public OccasionalSweep(Duration every, String what) {
        this.everyMillis = every.toMillis();
        this.what = what;
    }

    /** Runs {@code sweep} if one is due at {@code now}; a failure is logged, and the answer already given stands. */
    public void maybeRun(long now, Runnable sweep) {
        long due = nextAt.get();
        if (now < due || TransactionSynchronizationManager.isActualTransactionActive() || !nextAt.compareAndSet(due, now + everyMillis)) {
            return;
        }
        try {
            sweep.run();
        } catch (RuntimeException e) {
            // the rows go with a later sweep
            log.warn("expired {} could not be purged ({})", what, e.getCause() == null ? e.getClass().getSimpleName()
                    : e.getCause().getClass().getSimpleName());
        }
    }
}
