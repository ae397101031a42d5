package my.benteng.shield.internal;

import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import java.security.SecureRandom;
import java.time.Duration;

/** The contract against real Redis with the node's memory of refusals in front, as scale-out runs it. */
@Tag("postgres")
class RefusalCachingRedisIntegrationTest extends ShieldStateContract {

    private final RefusalCachingShieldState state = new RefusalCachingShieldState(new RedisShieldState(PostgresTestDatabase.redisUrl(),
            PostgresTestDatabase.redisPrefix(), Duration.ofSeconds(2), Duration.ofSeconds(2), new SecureRandom()));

    @Override
    ShieldState state() {
        return state;
    }

    @AfterEach
    void close() {
        state.close();
    }
}
