package my.benteng.shield.internal;

import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Tag;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

/**
 * {@link HashUpgradeContract} on the scale-out path: the windows in a real Redis on 127.0.0.1:6379 (under a key prefix
 * of this test's own), the "ever verified" list and the upgrade's stamp in PostgreSQL.
 */
@Tag("postgres")
class HashUpgradeRedisIntegrationTest extends HashUpgradePostgresIntegrationTest {

    @Override
    ShieldState newState(DataSource database) {
        return new RedisShieldState(PostgresTestDatabase.redisUrl(), PostgresTestDatabase.redisPrefix() + UUID.randomUUID() + ":",
                Duration.ofSeconds(2), Duration.ofSeconds(2), new SecureRandom());
    }
}
