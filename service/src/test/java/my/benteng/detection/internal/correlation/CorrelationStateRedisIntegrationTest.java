package my.benteng.detection.internal.correlation;

import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The Redis store, on the Redis the PostgreSQL contexts use, under a prefix of this class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrelationStateRedisIntegrationTest extends CorrelationStateContract {

    private final List<RedisCorrelationState> nodes = new ArrayList<>();

    @Override
    CorrelationState node() {
        RedisCorrelationState state = new RedisCorrelationState(PostgresTestDatabase.redisUrl(),
                PostgresTestDatabase.redisPrefix() + "correlation-test:", Duration.ofSeconds(2), Duration.ofSeconds(5));
        nodes.add(state);
        return state;
    }

    @AfterAll
    void close() {
        nodes.forEach(RedisCorrelationState::close);
    }
}
