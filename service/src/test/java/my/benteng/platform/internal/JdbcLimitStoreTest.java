package my.benteng.platform.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.LimitStoreUnavailableException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that cannot be reached is reported as the limit store being unavailable (a 503 problem, fail closed). */
class JdbcLimitStoreTest {

    @Test
    void anUnreachableDatabaseIsReportedAsUnavailable() {
        DriverManagerDataSource missing = new DriverManagerDataSource("jdbc:sqlite:target/no-such-dir/" + System.nanoTime() + "/x.db");
        JdbcLimitStore store = new JdbcLimitStore(JdbcClient.create(missing), new DataSourceTransactionManager(missing),
                DatabaseDialect.SQLITE, Clock.systemUTC());
        assertThatThrownBy(() -> store.tryAcquire("k", 1, Duration.ofMinutes(1))).isInstanceOf(LimitStoreUnavailableException.class);
    }
}
