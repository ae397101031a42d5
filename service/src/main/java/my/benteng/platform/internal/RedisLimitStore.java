package my.benteng.platform.internal;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import my.benteng.platform.LimitStoreUnavailableException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

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
    static final Duration RECONNECT_MAX = Duration.ofSeconds(1);

    private final RedisClient client;
    private final ClientResources resources;
    private final String keyPrefix;
    private final Clock clock;
    private final SecureRandom random;
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile String sha;
    private volatile long lastFailedConnectNanos;
    private volatile boolean connectFailed;

    /**
     * Does not connect: {@link #answers()} does (called at start).
     *
     * @param commandTimeout longest wait for one decision before failing closed
     * @param connectTimeout longest wait for a new connection (start, and after a loss): a cold start on a loaded
     *                       machine needs more than a command does
     */
    RedisLimitStore(String redisUrl, String keyPrefix, Duration commandTimeout, Duration connectTimeout, Clock clock, SecureRandom random) {
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, redisUrl);
        // fail fast while disconnected rather than queue commands: a limit that waits is an outage
        client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
        this.keyPrefix = keyPrefix;
        this.clock = clock;
        this.random = random;
    }

    private boolean recentlyFailed() {
        return connectFailed && System.nanoTime() - lastFailedConnectNanos < RECONNECT_MAX.toNanos();
    }

    /**
     * The connection (Lettuce re-opens a lost one by itself, backing off up to {@link #RECONNECT_MAX}; until then this
     * fails closed), or a new one when there never was one. One thread connects at a time; after a failed attempt the
     * next is made no sooner than {@link #RECONNECT_MAX} later, and callers meanwhile fail closed at once.
     */
    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            if (c.isOpen()) {
                return c;
            }
            throw new io.lettuce.core.RedisConnectionException("reconnecting");
        }
        if (recentlyFailed()) {
            throw new io.lettuce.core.RedisConnectionException("not connected");
        }
        connecting.lock(); // held for at most one connect timeout; callers behind it then use its connection or its failure
        try {
            if (connection != null) {
                return connection();
            }
            if (recentlyFailed()) {
                throw new io.lettuce.core.RedisConnectionException("not connected");
            }
            try {
                c = client.connect();
                sha = c.sync().scriptLoad(SCRIPT);
            } catch (RuntimeException e) {
                if (c != null) {
                    c.close();
                }
                lastFailedConnectNanos = System.nanoTime();
                connectFailed = true;
                throw e;
            }
            connection = c;
            return c;
        } finally {
            connecting.unlock();
        }
    }

    /** Connects if need be, then PING: true when Redis answered within the command timeout. Never throws. */
    @Override
    public boolean answers() {
        try {
            return "PONG".equals(connection().sync().ping());
        } catch (RuntimeException e) {
            return false;
        }
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
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown();
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
}
