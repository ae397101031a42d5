package my.benteng.platform.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import my.benteng.platform.LimitStoreUnavailableException;

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
    private final String keyPrefix;
    private final Clock clock;
    private final SecureRandom random;
    private StatefulRedisConnection<String, String> connection;
    private String sha;

    RedisLimitStore(RedisClient client, String keyPrefix, Clock clock, SecureRandom random) {
        this.client = client;
        // fail fast while disconnected rather than queue commands: a limit that waits is an outage
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(500)).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(1)))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.keyPrefix = keyPrefix;
        this.clock = clock;
        this.random = random;
    }

    /** Connects on first use and again after a loss, so a node starts while Redis is down and recovers with it. */
    private synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null || !connection.isOpen()) {
            connection = client.connect();
            sha = connection.sync().scriptLoad(SCRIPT);
        }
        return connection;
    }

    @Override
    public LimitProbe tryAcquire(String key, int limit, Duration window) {
        long now = clock.millis();
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        String member = now + ":" + HexFormat.of().formatHex(nonce);
        List<Long> r;
        try {
            StatefulRedisConnection<String, String> c = connection();
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
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
