package my.benteng.checkin.internal;

import my.benteng.platform.DatabaseDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL day partitions of {@code checkin} (see migration V9): creates them ahead of time and drops those that
 * lie wholly before the retention cutoff. Does nothing on SQLite. Partition names are {@code checkin_pYYYYMMDD}
 * (UTC day) and are built from dates only, never from input.
 */
@Component
class CheckinPartitions {

    private static final Logger log = LoggerFactory.getLogger(CheckinPartitions.class);
    private static final Pattern NAME = Pattern.compile("checkin_p(\\d{8})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** Days created ahead of today, so that a node down for a while still finds today's partition. */
    static final int DAYS_AHEAD = 7;
    /** One lock id for partition maintenance on every node (an arbitrary constant: "checkinP" in ASCII). */
    private static final long LOCK = 0x636865636b696e50L;

    private final JdbcClient jdbc;
    private final DatabaseDialect dialect;
    private final Clock clock;
    private final TransactionTemplate transaction;

    CheckinPartitions(JdbcClient jdbc, DatabaseDialect dialect, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        ensure(Instant.ofEpochMilli(clock.millis()));
    }

    /**
     * Creates the partitions for yesterday to {@value #DAYS_AHEAD} days ahead of {@code now} that are missing. A day
     * whose rows already sit in the default partition is left there (creating it would fail); retention deletes them.
     */
    void ensure(Instant now) {
        if (!dialect.isPostgres()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        transaction.executeWithoutResult(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", LOCK).query(Object.class).list();
            List<String> existing = partitions();
            for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(DAYS_AHEAD)); d = d.plusDays(1)) {
                String name = "checkin_p" + DAY.format(d);
                if (existing.contains(name)) {
                    continue;
                }
                long lo = d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                long hi = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                boolean inDefault = jdbc.sql("SELECT COUNT(*) FROM (SELECT 1 FROM checkin_default WHERE checked_in_at >= :lo"
                        + " AND checked_in_at < :hi LIMIT 1) x").param("lo", lo).param("hi", hi).query(Long.class).single() > 0;
                if (inDefault) {
                    log.warn("check-in partition {} not created: the default partition holds rows of that day", name);
                    continue;
                }
                jdbc.sql("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF checkin FOR VALUES FROM (" + lo + ") TO (" + hi + ")").update();
            }
        });
    }

    /**
     * Drops the day partitions that end at or before {@code cutoff}; returns how many rows they held. The count is
     * exact (for the audit trail) and costs one index-only scan per dropped day, once a day.
     */
    int dropBefore(Instant cutoff) {
        if (!dialect.isPostgres()) {
            return 0;
        }
        Integer dropped = transaction.execute(s -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:k)").param("k", LOCK).query(Object.class).list();
            int rows = 0;
            for (String name : partitions()) {
                Matcher m = NAME.matcher(name);
                if (!m.matches()) {
                    continue;
                }
                Instant end = LocalDate.parse(m.group(1), DAY).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                if (end.isAfter(cutoff)) {
                    continue;
                }
                rows += jdbc.sql("SELECT COUNT(*) FROM " + name).query(Long.class).single().intValue();
                jdbc.sql("DROP TABLE " + name).update();
                log.info("retention: dropped check-in partition {}", name);
            }
            return rows;
        });
        return dropped == null ? 0 : dropped;
    }

    /** Names of the day partitions of {@code checkin}. */
    List<String> partitions() {
        return jdbc.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'checkin'::regclass AND c.relname LIKE 'checkin\\_p%' ORDER BY c.relname")
                .query(String.class).list().stream().filter(n -> NAME.matcher(n).matches()).toList();
    }
}
