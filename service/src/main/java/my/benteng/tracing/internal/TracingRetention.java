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
 * Deletes tracing data older than the retention period, like the check-ins it was computed from: exposures and case
 * visits by their own time, cases once their infectious period ended before the cutoff. In batches, so that no single
 * transaction holds the (SQLite: only) write lock for long. A row exactly {@code retention} old is kept until the next run.
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
        int exposures = deleteAll("tracing_exposure", "case_id, citizen_id", "exposed_at", cutoff);
        int visits = deleteAll("tracing_case_visit", "case_id, checkin_id", "visited_at", cutoff);
        // a case outlives its own visits by at most its period; its exposures end at most one buffer after it
        int cases = deleteAll("tracing_case", "id", "infectious_to", cutoff);
        int total = exposures + visits + cases;
        if (total > 0) {
            audit.record(AuditEvent.named("sensitive_delete").subject("tracing").reason("tracing.retention.purged")
                    .detail("exposures", Integer.toString(exposures)).detail("caseVisits", Integer.toString(visits))
                    .detail("cases", Integer.toString(cases)).detail("before", cutoff.toString()));
            log.info("retention: deleted {} exposures, {} case visits and {} cases from before {}", exposures, visits, cases, cutoff);
        }
        return total;
    }

    private int deleteAll(String table, String key, String timeColumn, Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = tracing.deleteBefore(table, key, timeColumn, cutoff, properties.purgeBatchSize());
            total += deleted;
        } while (deleted == properties.purgeBatchSize());
        return total;
    }
}
