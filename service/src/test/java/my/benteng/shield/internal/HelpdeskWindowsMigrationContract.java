package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.shield.ClientQuota;
import my.benteng.shield.internal.StateOutcome.Status;
import my.benteng.testing.MovableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

import static my.benteng.shield.internal.ShieldFixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V35 on each database: the helpdesk's live ticket windows, which the platform limit store kept before the
 * helpdesk's tickets went through {@code Shield.admit}, are the shield's quota windows afterwards, so an upgrade hands
 * out no fresh hour of tickets; nothing of the helpdesk's anonymous windows is left in the platform's table, and the
 * limits that stay there are untouched.
 */
abstract class HelpdeskWindowsMigrationContract {

    /** The helpdesk's quotas as SubmissionGate asks for them with the default settings. */
    private static final List<ClientQuota> TICKETS = List.of(
            ClientQuota.perAddress("helpdesk.ticket.per_ip", 5, Duration.ofHours(1)),
            ClientQuota.perSubnet("helpdesk.ticket.per_subnet", 30, Duration.ofHours(1)));

    private final MovableClock clock = new MovableClock("2026-11-22T03:00:00Z");

    /** An empty database of this engine. */
    abstract DataSource emptyDatabase();

    abstract DatabaseDialect dialect();

    @Test
    void theHelpdesksLiveWindowsBecomeTheShieldsQuotasAndKeepRefusing() {
        DataSource database = emptyDatabase();
        String vendor = dialect().isPostgres() ? "postgresql" : "sqlite";
        Flyway.configure().dataSource(database).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .target("34").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        long now = clock.millis();
        long minute = Duration.ofMinutes(1).toMillis();
        long hour = Duration.ofHours(1).toMillis();
        // what the helpdesk left in the platform limit store: one address's full hour, 29 tickets of one subnet, a spent
        // solution; and limits that stay with the platform store
        for (int i = 0; i < 5; i++) {
            event(jdbc, "helpdesk:ip:198.51.100.7", now - (50 - i) * minute, 1, now - (50 - i) * minute + hour);
        }
        event(jdbc, "helpdesk:net:203.0.113.0/24", now - 10 * minute, 29, now - 10 * minute + hour);
        event(jdbc, "helpdesk:pow:" + "ab".repeat(32), now - minute, 1, now + 59 * minute);
        event(jdbc, "helpdesk:citizen:c-1", now - minute, 1, now + Duration.ofDays(1).toMillis());
        event(jdbc, "premises:ip:198.51.100.7", now - minute, 1, now + Duration.ofDays(1).toMillis());

        Flyway.configure().dataSource(database).locations("classpath:db/migration/common", "classpath:db/migration/" + vendor)
                .load().migrate();

        JdbcShieldState state = new JdbcShieldState(jdbc, new JdbcTransactionManager(database), dialect());
        StateOutcome sixth = state.consume(tickets("198.51.100.7"));
        assertThat(sixth.status()).as("the address's sixth ticket of the hour").isEqualTo(Status.REFUSED);
        assertThat(sixth.reason()).isEqualTo("helpdesk.ticket.per_ip");
        assertThat(sixth.retryAfterMillis()).as("until its oldest ticket is an hour old").isEqualTo(10 * minute);
        assertThat(state.consume(tickets("203.0.113.9")).status()).as("the subnet's thirtieth").isEqualTo(Status.ALLOWED);
        assertThat(state.consume(tickets("203.0.113.10")).reason()).as("its thirty-first").isEqualTo("helpdesk.ticket.per_subnet");
        assertThat(jdbc.sql("SELECT limit_key FROM platform_limit_event ORDER BY limit_key").query(String.class).list())
                .containsExactly("helpdesk:citizen:c-1", "premises:ip:198.51.100.7");
    }

    private Consumption tickets(String clientIp) {
        return new Consumption(clock.millis(), ClientLimitPolicy.quotas(ip(clientIp), TICKETS), null, null, 0, List.of(),
                ShieldStateContract.VELOCITY);
    }

    private static void event(JdbcClient jdbc, String key, long at, long hits, long expiresAt) {
        jdbc.sql("INSERT INTO platform_limit_event (limit_key, event_at, hits, expires_at) VALUES (?, ?, ?, ?)")
                .params(key, at, hits, expiresAt).update();
    }
}
