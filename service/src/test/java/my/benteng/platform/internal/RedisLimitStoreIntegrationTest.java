package my.benteng.platform.internal;

import io.lettuce.core.RedisClient;
import my.benteng.platform.LimitStore;
import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The same contract against a real Redis on 127.0.0.1:6379 (fails, never skips, when Redis is down). */
@Tag("postgres")
class RedisLimitStoreIntegrationTest extends LimitStoreContract {

    private final RedisLimitStore store = new RedisLimitStore(PostgresTestDatabase.redisUrl(),
            PostgresTestDatabase.redisPrefix(), Duration.ofSeconds(1), Duration.ofSeconds(2), clock, new SecureRandom());

    @Override
    LimitStore store() {
        return store;
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anUnreachableRedisFailsClosedWithoutBlocking() throws Exception {
        int deadPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        RedisLimitStore dead = new RedisLimitStore("redis://127.0.0.1:" + deadPort, "x:", Duration.ofSeconds(1), Duration.ofSeconds(2), clock, new SecureRandom());
        try {
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dead.tryAcquire(key(), 3, Duration.ofMinutes(1)))
                    .isInstanceOf(my.benteng.platform.LimitStoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            dead.close();
        }
    }

    @Test
    void keysExpireInRedisWithTheirWindow() {
        String key = key();
        store.tryAcquire(key, 3, Duration.ofSeconds(30));
        RedisClient client = RedisClient.create(PostgresTestDatabase.redisUrl());
        try (var c = client.connect()) {
            long ttl = c.sync().pttl(PostgresTestDatabase.redisPrefix() + key);
            assertThat(ttl).isBetween(1L, 30_000L);
        } finally {
            client.shutdown();
        }
    }
}
