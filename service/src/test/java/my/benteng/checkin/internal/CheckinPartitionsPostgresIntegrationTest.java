package my.benteng.checkin.internal;

import my.benteng.premises.PremisesId;
import my.benteng.testing.PostgresIntegrationTest;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** On PostgreSQL check-ins live in day partitions; retention drops the days wholly before the cutoff. */
@PostgresIntegrationTest
class CheckinPartitionsPostgresIntegrationTest {

    @Autowired
    CheckinPartitions partitions;

    @Autowired
    CheckinRetention retention;

    @Autowired
    JdbcCheckins checkins;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    private final PremisesId premises = new PremisesId(UUID.randomUUID().toString());

    private String insertAt(Instant at) {
        String id = UUID.randomUUID().toString();
        checkins.insert(new JdbcCheckins.Row(id, UUID.randomUUID().toString(), premises, at, null, List.of()));
        return id;
    }

    private String partitionOf(String id) {
        return jdbc.sql("SELECT tableoid::regclass::text FROM checkin WHERE id = :id").param("id", id).query(String.class).single();
    }

    @Test
    void theServiceCreatesDayPartitionsAheadAndRowsLandInTheirDay() {
        assertThat(partitions.partitions()).isNotEmpty(); // created at start for today and the days ahead
        partitions.ensure(Instant.parse("2028-02-28T23:00:00Z"));
        assertThat(partitions.partitions()).contains("checkin_p20280227", "checkin_p20280228", "checkin_p20280229", "checkin_p20280306");
        assertThat(partitionOf(insertAt(Instant.parse("2028-02-29T00:00:00Z")))).isEqualTo("checkin_p20280229");
        assertThat(partitionOf(insertAt(Instant.parse("2028-02-28T23:59:59.999Z")))).isEqualTo("checkin_p20280228");
        assertThat(partitionOf(insertAt(Instant.parse("2031-01-01T00:00:00Z")))).isEqualTo("checkin_default");
        partitions.ensure(Instant.parse("2028-02-28T23:00:00Z"));  // again: nothing to do, nothing fails
    }

    @Test
    void retentionDropsWholeDaysAndDeletesTheRestExactly() {
        partitions.ensure(Instant.parse("2029-05-01T12:00:00Z")); // days 30 April to 8 May 2029
        String april30 = insertAt(Instant.parse("2029-04-30T10:00:00Z"));
        String may1Early = insertAt(Instant.parse("2029-05-01T01:00:00Z"));
        String may1Late = insertAt(Instant.parse("2029-05-01T20:00:00Z"));
        String may2 = insertAt(Instant.parse("2029-05-02T08:00:00Z"));

        clock.set(Instant.parse("2029-07-30T12:00:00Z")); // cutoff 90 days before: 1 May 2029 12:00
        assertThat(retention.cutoff()).isEqualTo(Instant.parse("2029-05-01T12:00:00Z"));
        int purged = retention.purge();

        List<String> left = partitions.partitions();
        assertThat(left).doesNotContain("checkin_p20290430").contains("checkin_p20290501", "checkin_p20290502");
        List<String> remaining = jdbc.sql("SELECT id FROM checkin WHERE premises_id = :p").param("p", premises.value())
                .query(String.class).list();
        assertThat(remaining).containsExactlyInAnyOrder(may1Late, may2).doesNotContain(april30, may1Early);
        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM checkin WHERE checked_in_at < :c")
                .param("c", retention.cutoff().toEpochMilli()).query(Long.class).single()).isZero();
    }
}
