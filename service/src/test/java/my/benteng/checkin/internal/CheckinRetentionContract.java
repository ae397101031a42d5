package my.benteng.checkin.internal;

import my.benteng.audit.AuditLog;
import my.benteng.premises.PremisesId;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention job deletes exactly the check-ins older than the period, in batches; run on each database. */
abstract class CheckinRetentionContract {

    @Autowired
    JdbcCheckins checkins;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Autowired
    TestClock clock;

    @Autowired
    CheckinRetention configured;

    @Autowired
    CheckinPartitions partitions;

    private final PremisesId premises = new PremisesId(UUID.randomUUID().toString());

    private String insertAt(Instant at) {
        String id = UUID.randomUUID().toString();
        checkins.insert(new JdbcCheckins.Row(id, UUID.randomUUID().toString(), premises, at, null, List.of()));
        return id;
    }

    private List<String> remaining() {
        return jdbc.sql("SELECT id FROM checkin WHERE premises_id = :p").param("p", premises.value()).query(String.class).list();
    }

    private long dueBefore(Instant cutoff) {
        return jdbc.sql("SELECT COUNT(*) FROM checkin WHERE checked_in_at < :c").param("c", cutoff.toEpochMilli()).query(Long.class).single();
    }

    @Test
    void deletesExactlyTheCheckinsOlderThanNinetyDays() {
        Instant now = Instant.parse("2027-03-01T00:00:00Z");
        clock.set(now);
        Instant cutoff = Instant.parse("2026-12-01T00:00:00Z"); // 90 days before 1 March 2027
        assertThat(configured.cutoff()).isEqualTo(cutoff);

        String longAgo = insertAt(cutoff.minus(Duration.ofDays(30)));
        String justDue = insertAt(cutoff.minusMillis(1));
        String exactly = insertAt(cutoff);
        String justKept = insertAt(cutoff.plusMillis(1));
        String recent = insertAt(now.minus(Duration.ofHours(1)));

        long dueInTable = dueBefore(cutoff); // the shared database may hold other tests' old rows: they are due as well
        assertThat(dueInTable).isGreaterThanOrEqualTo(2);

        int deleted = configured.purge();

        assertThat(remaining()).containsExactlyInAnyOrder(exactly, justKept, recent).doesNotContain(longAgo, justDue);
        assertThat(deleted).isEqualTo(dueInTable);
        assertThat(dueBefore(cutoff)).isZero();
        assertThat(configured.purge()).as("nothing more is due at the same instant").isZero();

        clock.advance(Duration.ofMillis(1));
        assertThat(configured.purge()).isEqualTo(1);
        assertThat(remaining()).containsExactlyInAnyOrder(justKept, recent);
    }

    @Test
    void deletesInBatchesUntilNothingIsDue() {
        Instant now = Instant.parse("2027-06-01T00:00:00Z");
        clock.set(now);
        CheckinRetention smallBatches = new CheckinRetention(checkins, partitions,
                new CheckinProperties(Period.ofDays(30), Duration.ofMinutes(5), 3, Duration.ofHours(1), 100, new CheckinProperties.Ingest(20000, 500, Duration.ofSeconds(10), Duration.ofSeconds(1), 0)), audit, clock);
        for (int i = 0; i < 7; i++) {
            insertAt(now.minus(Duration.ofDays(31)).minusSeconds(i));
        }
        String kept = insertAt(now.minus(Duration.ofDays(29)));

        assertThat(smallBatches.purge()).isGreaterThanOrEqualTo(7);
        assertThat(remaining()).containsExactly(kept);
    }
}
