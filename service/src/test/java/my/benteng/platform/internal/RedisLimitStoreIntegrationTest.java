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

    private final RedisLimitStore store = new RedisLimitStore(RedisClient.create(PostgresTestDatabase.redisUrl()),
            PostgresTestDatabase.redisPrefix(), clock, new SecureRandom());

    @Override
    LimitStore store() {
        return store;
    }

    @AfterEach
    void close() {
        store.close();
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
