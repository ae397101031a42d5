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
 * infectious period ended before the cutoff, with its visits (all within the period) and its contacts' exposures (at
 * most one buffer after the period's end, so they go at most that much early). Exposures and visits first, the case
 * last, so an interrupted run is finished by the next. In batches, so that no single transaction holds the (SQLite:
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

    /** Runs the deletion; returns how many rows went (exposures + case visits + cases). */
    @Scheduled(fixedDelayString = "${benteng.tracing.purge-interval:PT1H}", initialDelayString = "PT4M")
    public int purge() {
        Instant cutoff = cutoff();
        int exposures = inBatches(b -> tracing.deleteOfCasesEndedBefore("tracing_exposure", "case_id, citizen_id", cutoff, b));
        int visits = inBatches(b -> tracing.deleteOfCasesEndedBefore("tracing_case_visit", "case_id, checkin_id", cutoff, b));
        int cases = inBatches(b -> tracing.deleteCasesEndedBefore(cutoff, b));
        int total = exposures + visits + cases;
        if (total > 0) {
            audit.record(AuditEvent.named("sensitive_delete").subject("tracing").reason("tracing.retention.purged")
                    .detail("exposures", Integer.toString(exposures)).detail("caseVisits", Integer.toString(visits))
                    .detail("cases", Integer.toString(cases)).detail("before", cutoff.toString()));
            log.info("retention: deleted {} exposures, {} case visits and {} cases from before {}", exposures, visits, cases, cutoff);
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
