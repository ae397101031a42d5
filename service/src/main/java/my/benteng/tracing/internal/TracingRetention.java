package my.benteng.tracing.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Deletes tracing data older than the retention period, like the check-ins it was computed from: a case once its
 * infectious period ended before the cutoff, with its windows (each within the period, widened by one buffer, so they
 * go at most that much early), and the record of when a citizen was last notified once that is older than the cutoff
 * (the retention is at least the contact risk period, so no notice that still suppresses a message goes). Windows
 * first, the case last, so an interrupted run is finished by the next. In batches, so that no single transaction holds the (SQLite:
 * only) write lock for long. A case whose period ended exactly {@code retention} ago is kept until the next run.
 */
@Component
public class TracingRetention {

    private static final Logger log = LoggerFactory.getLogger(TracingRetention.class);

    private final JdbcTracing tracing;
    private final TracingProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    TracingRetention(JdbcTracing tracing, TracingProperties properties, AuditLog audit, Clock clock) {
        this.tracing = tracing;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The instant before which tracing rows are due for deletion: now minus the retention period, in UTC. */
    public Instant cutoff() {
        return Instant.ofEpochMilli(clock.millis()).atOffset(ZoneOffset.UTC).minus(properties.retention()).toInstant();
    }

    /** Runs the deletion; returns how many rows went (case visits + cases + notices). */
    @Scheduled(fixedDelayString = "${benteng.tracing.purge-interval:PT1H}", initialDelayString = "PT4M")
    public int purge() {
        Instant cutoff = cutoff();
        int windows = inBatches(b -> tracing.deleteOfCasesEndedBefore("tracing_window", "case_id, checkin_id", cutoff, b));
        int cases = inBatches(b -> tracing.deleteCasesEndedBefore(cutoff, b));
        int notices = inBatches(b -> tracing.deleteNoticesBefore(cutoff, b));
        int total = windows + cases + notices;
        if (total > 0) {
            audit.record(AuditEvent.named("sensitive_delete").subject("tracing").reason("tracing.retention.purged")
                    .detail("caseVisits", Integer.toString(windows)).detail("cases", Integer.toString(cases))
                    .detail("notices", Integer.toString(notices)).detail("before", cutoff.toString()));
            log.info("retention: deleted {} case visits, {} cases and {} notices from before {}", windows, cases, notices, cutoff);
        }
        return total;
    }

    private int inBatches(java.util.function.IntUnaryOperator deleteBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.applyAsInt(properties.purgeBatchSize());
            total += deleted;
        } while (deleted == properties.purgeBatchSize());
        return total;
    }
}
