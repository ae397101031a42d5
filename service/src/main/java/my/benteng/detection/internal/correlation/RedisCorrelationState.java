package my.benteng.detection.internal.correlation;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.platform.RedisConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Correlation counts in Redis, shared by every node: one Lua script per observation counts it and says, atomically with
 * the count, whether the key reached its threshold, so a threshold crossed only by the sum of the nodes' events fires
 * once. Per key (128 bits of SHA-256 over the rule id and group-by values, in a hash tag so both keys of one key share a
 * Cluster slot): a hash of bucket to count (event_count) or a sorted set of distinct values scored by the latest bucket
 * they were seen in (value_count, temporal; at most the threshold many, the oldest dropped, so a spray costs no more
 * than its threshold), and a list of the latest evidence. Both expire a window after their last observation; a key that
 * fires is deleted. Memory is bounded by the keys alive within the windows: Redis's own {@code maxmemory} policy is the
 * cap, and nothing here grows past a threshold per key.
 */
public final class RedisCorrelationState implements CorrelationState, AutoCloseable {

    // KEYS: state, evidence. ARGV: bucket, buckets, ttl millis, threshold, member ('' counts events), evidence max, seqs...
    static final String OBSERVE = """
            local bucket = tonumber(ARGV[1])
            local buckets = tonumber(ARGV[2])
            local threshold = tonumber(ARGV[4])
            local member = ARGV[5]
            local value = 0
            if member == '' then
              redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
              local h = redis.call('HGETALL', KEYS[1])
              for i = 1, #h, 2 do
                local b = tonumber(h[i])
                if b <= bucket - buckets then
                  redis.call('HDEL', KEYS[1], h[i])
                elseif b <= bucket then
                  value = value + tonumber(h[i + 1])
                end
              end
            else
              local old = redis.call('ZSCORE', KEYS[1], member)
              if (not old) or tonumber(old) < bucket then redis.call('ZADD', KEYS[1], bucket, member) end
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', bucket - buckets)
              local n = redis.call('ZCARD', KEYS[1])
              if n > threshold then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - threshold - 1) end
              value = redis.call('ZCOUNT', KEYS[1], bucket - buckets + 1, bucket)
            end
            for i = 7, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
            redis.call('LTRIM', KEYS[2], -tonumber(ARGV[6]), -1)
            if value >= threshold then
              local out = {1, value}
              for _, s in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do out[#out + 1] = tonumber(s) end
              redis.call('DEL', KEYS[1], KEYS[2])
              return out
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return {0, value}
            """;

    private final RedisConnection redis;
    private final String keyPrefix;
    private volatile String sha;

    /**
     * Does not connect: the first observation (or {@link #answers()}) does. A Redis that is down makes observations fail
     * at once (the caller counts them in memory), never wait.
     *
     * @param timeout        longest wait for one observation
     * @param connectTimeout longest wait for a new connection
     */
    public RedisCorrelationState(String redisUrl, String keyPrefix, Duration timeout, Duration connectTimeout) {
        this.redis = new RedisConnection(redisUrl, timeout, connectTimeout, this::loadScript);
        this.keyPrefix = keyPrefix + "detection:";
    }

    public boolean answers() {
        return redis.answers();
    }

    @Override
    public Outcome observe(Key key, String member, long atMillis, Duration window, long threshold, long[] evidence) {
        String id = StoreIds.key(key);
        long width = Math.max(1, window.toMillis() / BUCKETS);
        String[] keys = {keyPrefix + "{" + id + "}:s", keyPrefix + "{" + id + "}:e"};
        List<String> args = new ArrayList<>(6 + evidence.length);
        args.add(Long.toString(Math.floorDiv(atMillis, width)));
        args.add(Integer.toString(BUCKETS));
        args.add(Long.toString(window.toMillis() + width));
        args.add(Long.toString(threshold));
        args.add(member == null ? "" : StoreIds.member(member));
        args.add(Integer.toString(EVIDENCE));
        for (long s : evidence) {
            if (s > 0) {
                args.add(Long.toString(s));
            }
        }
        List<Object> r = run(keys, args.toArray(String[]::new));
        long value = (Long) r.get(1);
        if ((Long) r.get(0) != 1) {
            return new Outcome(false, value, new long[0]);
        }
        long[] seqs = new long[r.size() - 2];
        for (int i = 2; i < r.size(); i++) {
            seqs[i - 2] = (Long) r.get(i);
        }
        return new Outcome(true, value, seqs);
    }

    private List<Object> run(String[] keys, String[] args) {
        try {
            StatefulRedisConnection<String, String> c = redis.get();
            try {
                return c.sync().evalsha(sha, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                // Redis restarted and lost its script cache: load again and retry once
                loadScript(c);
                return c.sync().evalsha(sha, ScriptOutputType.MULTI, keys, args);
            }
        } catch (RuntimeException e) {
            throw new CorrelationStoreException("Redis", e);
        }
    }

    private void loadScript(StatefulRedisConnection<String, String> c) {
        sha = c.sync().scriptLoad(OBSERVE);
    }

    /** Not counted: Redis has no cheap count of one prefix's keys (the gauge reads 0 for a Redis store). */
    @Override
    public long keys() {
        return 0;
    }

    /** Redis evicts by its own policy ({@code maxmemory}); nothing is dropped here. */
    @Override
    public long evictions() {
        return 0;
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
