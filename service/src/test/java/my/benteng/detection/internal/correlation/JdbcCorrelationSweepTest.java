package my.benteng.detection.internal.correlation;

import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.platform.DatabaseDialect;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database store's bounds, on a SQLite database of this test alone (a sweep deletes across the table, so it must
 * not run in a shared one): expired keys go, and beyond the cap the keys that expire soonest go and are counted.
 */
class JdbcCorrelationSweepTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long T0 = 1_764_000_000_000L;

    @TempDir
    Path dir;

    private JdbcCorrelationState state(JdbcClient jdbc, SingleConnectionDataSource data, int maxKeys) {
        return new JdbcCorrelationState(jdbc, new DataSourceTransactionManager(data), DatabaseDialect.SQLITE, maxKeys);
    }

    private SingleConnectionDataSource database() {
        SingleConnectionDataSource data = new SingleConnectionDataSource("jdbc:sqlite:" + dir.resolve("sweep.db"), true);
        Flyway.configure().dataSource(data).locations("classpath:db/migration/common", "classpath:db/migration/sqlite").load().migrate();
        return data;
    }

    @Test
    void expiredKeysAreSweptAndKeysBeyondTheCapAreEvictedSoonestExpiringFirst() {
        SingleConnectionDataSource data = database();
        try {
            JdbcClient jdbc = JdbcClient.create(data);
            JdbcCorrelationState state = state(jdbc, data, 20);
            for (int i = 0; i < 30; i++) {
                state.observe(new CorrelationState.Key("c", List.of("k" + i)), i % 2 == 0 ? null : "v", T0 + i * 1000L, WINDOW, 5,
                        new long[]{i + 1});
            }
            assertThat(state.keys()).isEqualTo(30);

            // still alive: only the cap applies, and the ten keys seen first (expiring first) go
            state.sweep(T0 + 30_000);
            assertThat(state.keys()).isEqualTo(20);
            assertThat(state.evictions()).isEqualTo(10);
            assertThat(jdbc.sql("SELECT COUNT(DISTINCT key_id) FROM detection_correlation").query(Long.class).single())
                    .as("no rows of evicted keys are left").isEqualTo(20);
            // a key that was kept still counts where it was
            assertThat(state.observe(new CorrelationState.Key("c", List.of("k29")), "w", T0 + 31_000, WINDOW, 5, new long[]{99}).value())
                    .isEqualTo(2);

            // a window and a bucket later, everything has expired
            state.sweep(T0 + 31_000 + WINDOW.toMillis() + WINDOW.toMillis() / 10 + 1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM detection_correlation").query(Long.class).single()).isZero();
        } finally {
            data.destroy();
        }
    }
}
