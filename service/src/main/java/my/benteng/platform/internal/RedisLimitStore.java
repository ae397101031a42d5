package my.benteng.platform.internal;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Sliding-log counters in Redis, shared by every node. One Lua script trims, counts and records, so a
 * decision costs one round trip and is atomic across nodes. Time comes from the service's clock (never
 * from the HTTP client), which also lets tests drive it.
 */
class RedisLimitStore implements LimitStore, AutoCloseable {

    private static final String SCRIPT = """
            local key = KEYS[1]
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local limit = tonumber(ARGV[3])
            redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
            local n = redis.call('ZCARD', key)
            if n < limit then
              redis.call('ZADD', key, now, ARGV[4])
              redis.call('PEXPIRE', key, window)
              return {1, limit - n - 1, 0}
            end
            local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
            return {0, 0, tonumber(oldest[2]) + window - now}
            """;

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String keyPrefix;
    private final Clock clock;
    private final SecureRandom random;
    private final String sha;

    RedisLimitStore(RedisClient client, String keyPrefix, Clock clock, SecureRandom random) {
        this.client = client;
        this.connection = client.connect();
        this.keyPrefix = keyPrefix;
        this.clock = clock;
        this.random = random;
        this.sha = connection.sync().scriptLoad(SCRIPT);
    }

    @Override
    public LimitProbe tryAcquire(String key, int limit, Duration window) {
        long now = clock.millis();
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        String member = now + ":" + HexFormat.of().formatHex(nonce);
        List<Long> r;
        try {
            r = connection.sync().evalsha(sha, ScriptOutputType.MULTI, new String[] {keyPrefix + key},
                    Long.toString(now), Long.toString(window.toMillis()), Integer.toString(limit), member);
        } catch (io.lettuce.core.RedisNoScriptException e) {
            // Redis restarted and lost its script cache: load again and retry once
            connection.sync().scriptLoad(SCRIPT);
            r = connection.sync().evalsha(sha, ScriptOutputType.MULTI, new String[] {keyPrefix + key},
                    Long.toString(now), Long.toString(window.toMillis()), Integer.toString(limit), member);
        }
        return r.get(0) == 1L ? LimitProbe.admitted(r.get(1).intValue()) : LimitProbe.refused(Duration.ofMillis(r.get(2)));
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
