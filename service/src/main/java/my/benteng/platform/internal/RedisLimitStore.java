package my.benteng.platform.internal;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import my.benteng.platform.LimitStoreUnavailableException;
import my.benteng.platform.RedisConnection;

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

    /** Ceiling of the reconnect backoff after a lost connection, and the Retry-After of a refusal meanwhile. */
    static final Duration RECONNECT_MAX = RedisConnection.RECONNECT_MAX;

    private final RedisConnection redis;
    private final String keyPrefix;
    private final Clock clock;
    private final SecureRandom random;
    private volatile String sha;

    /**
     * Does not connect: {@link #answers()} does (called at start).
     *
     * @param commandTimeout longest wait for one decision before failing closed
     * @param connectTimeout longest wait for a new connection (start, and after a loss)
     */
    RedisLimitStore(String redisUrl, String keyPrefix, Duration commandTimeout, Duration connectTimeout, Clock clock, SecureRandom random) {
        this.redis = new RedisConnection(redisUrl, commandTimeout, connectTimeout, c -> sha = c.sync().scriptLoad(SCRIPT));
        this.keyPrefix = keyPrefix;
        this.clock = clock;
        this.random = random;
    }

    /** Connects if need be, then PING: true when Redis answered within the command timeout. Never throws. */
    @Override
    public boolean answers() {
        return redis.answers();
    }

    @Override
    public LimitProbe tryAcquire(String key, int limit, Duration window) {
        long now = clock.millis();
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        String member = now + ":" + HexFormat.of().formatHex(nonce);
        List<Long> r;
        try {
            StatefulRedisConnection<String, String> c = redis.get();
            try {
                r = c.sync().evalsha(sha, ScriptOutputType.MULTI, new String[] {keyPrefix + key},
                        Long.toString(now), Long.toString(window.toMillis()), Integer.toString(limit), member);
            } catch (io.lettuce.core.RedisNoScriptException e) {
                // Redis restarted and lost its script cache: load again and retry once
                c.sync().scriptLoad(SCRIPT);
                r = c.sync().evalsha(sha, ScriptOutputType.MULTI, new String[] {keyPrefix + key},
                        Long.toString(now), Long.toString(window.toMillis()), Integer.toString(limit), member);
            }
        } catch (io.lettuce.core.RedisException e) {
            throw new LimitStoreUnavailableException(e);
        }
        return r.get(0) == 1L ? LimitProbe.admitted(r.get(1).intValue()) : LimitProbe.refused(Duration.ofMillis(r.get(2)));
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public void close() {
        redis.close();
    }
}
