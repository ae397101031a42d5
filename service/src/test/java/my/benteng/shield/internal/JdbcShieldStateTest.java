package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that cannot be reached (or lacks the tables) is reported as unavailable, so the shield fails closed. */
class JdbcShieldStateTest {

    @Test
    void anUnreachableDatabaseIsReportedAsUnavailable() {
        DriverManagerDataSource missing = new DriverManagerDataSource("jdbc:sqlite:target/no-such-dir/" + System.nanoTime() + "/x.db");
        JdbcShieldState state = new JdbcShieldState(JdbcClient.create(missing), new DataSourceTransactionManager(missing), DatabaseDialect.SQLITE);
        Consumption c = new Consumption(0, List.of(Limit.window("k", "r", 1, Duration.ofMinutes(1))), "b:1", "pow:1", 1000,
                List.of("v:g:sms"), Consumption.VelocityWindow.of(Duration.ofHours(1)));
        assertThatThrownBy(() -> state.consume(c)).isInstanceOf(ShieldStateUnavailableException.class);
        assertThatThrownBy(() -> state.recordVerified(List.of("v:g:sms"), 0, c.velocity())).isInstanceOf(ShieldStateUnavailableException.class);
        assertThatThrownBy(() -> state.markSpent(Map.of("pow:2", 1000L), 0)).isInstanceOf(ShieldStateUnavailableException.class);
        assertThatThrownBy(() -> state.block("b:1", 0, 1000)).isInstanceOf(ShieldStateUnavailableException.class);
    }

    @Test
    void aDatabaseWithoutTheTablesIsReportedAsUnavailable() {
        DriverManagerDataSource empty = new DriverManagerDataSource("jdbc:sqlite::memory:");
        JdbcShieldState state = new JdbcShieldState(JdbcClient.create(empty), new DataSourceTransactionManager(empty), DatabaseDialect.SQLITE);
        assertThatThrownBy(() -> state.consume(new Consumption(0, List.of(), null, "pow:1", 1000, List.of(),
                Consumption.VelocityWindow.of(Duration.ofHours(1))))).isInstanceOf(ShieldStateUnavailableException.class);
    }
}
