package my.benteng.checkin.internal;

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
 * Deletes check-ins older than the retention period: on PostgreSQL by dropping the day partitions wholly before the
 * cutoff, then (both databases) in batches so that no single transaction holds the (SQLite: only) write lock for long. A check-in made exactly {@code retention} ago is kept until the next run.
 */
@Component
public class CheckinRetention {

    private static final Logger log = LoggerFactory.getLogger(CheckinRetention.class);

    private final JdbcCheckins checkins;
    private final CheckinPartitions partitions;
    private final CheckinProperties properties;
    private final AuditLog audit;
    private final Clock clock;

    CheckinRetention(JdbcCheckins checkins, CheckinPartitions partitions, CheckinProperties properties, AuditLog audit, Clock clock) {
        this.checkins = checkins;
        this.partitions = partitions;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
    }

    /** The instant before which check-ins are due for deletion: now minus the retention period, in UTC. */
    public Instant cutoff() {
        return Instant.ofEpochMilli(clock.millis()).atOffset(ZoneOffset.UTC).minus(properties.retention()).toInstant();
    }

    @Scheduled(fixedDelayString = "${benteng.checkin.purge-interval:PT1H}", initialDelayString = "PT3M")
    public int purge() {
        Instant cutoff = cutoff();
        // PostgreSQL: whole days before the cutoff go with their partition; the rest (the day the cutoff falls in,
        // the default partition, and every row on SQLite) is deleted in batches
        partitions.ensure(Instant.ofEpochMilli(clock.millis()));
        int total = partitions.dropBefore(cutoff);
        int deleted;
        do {
            deleted = checkins.deleteBefore(cutoff, properties.purgeBatchSize());
            total += deleted;
        } while (deleted == properties.purgeBatchSize());
        if (total > 0) {
            audit.record(AuditEvent.named("sensitive_delete").subject("checkin").reason("checkin.retention.purged")
                    .detail("count", Integer.toString(total)).detail("before", cutoff.toString()));
            log.info("retention: deleted {} check-ins made before {}", total, cutoff);
        }
        return total;
    }
}
