package my.benteng.shield.internal;

import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same contract against a real Redis on 127.0.0.1:6379 (fails, never skips, when Redis is down). */
@Tag("postgres")
class RedisShieldStateIntegrationTest extends ShieldStateContract {

    private final RedisShieldState state = new RedisShieldState(PostgresTestDatabase.redisUrl(),
            PostgresTestDatabase.redisPrefix(), Duration.ofSeconds(2), Duration.ofSeconds(2), new SecureRandom());

    @Override
    ShieldState state() {
        return state;
    }

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void anUnreachableRedisIsReportedAsUnavailableQuickly() {
        try (RedisShieldState down = new RedisShieldState("redis://127.0.0.1:1", "x:", Duration.ofMillis(300), Duration.ofSeconds(1), new SecureRandom())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> down.consume(consume(Limit.window(key("k"), "r", 1, Duration.ofMinutes(1)))))
                    .isInstanceOf(ShieldStateUnavailableException.class);
            assertThatThrownBy(() -> down.recordVerified(List.of(key("v")), clock.millis(), VELOCITY))
                    .isInstanceOf(ShieldStateUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }
}
