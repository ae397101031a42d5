package my.benteng.shield.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import my.benteng.platform.RedisConnection;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The shield state in Redis, shared by every node. One Lua script decides a whole assessment (spent proof of
 * work, block, every window and bucket) and applies the limits only when nothing refuses (the proof of work is
 * spent whenever it gets this far), so an assessment costs
 * one round trip and parallel requests on any number of nodes cannot slip past a limit. Time is the
 * service clock's, passed in as an argument; Redis's own clock only expires idle keys.
 *
 * <p>Redis Cluster: the keys of one assessment hash to different slots, so this script needs a single
 * primary (or hash tags) — see the module notes.
 */
class RedisShieldState implements ShieldState {

    // KEYS: limit keys 1..n, then the block key (flag), the spent key (flag), the velocity keys, then legacy keys.
    // ARGV: now, n, member, hasBlock, hasSpent, spentTtl, velocityCount, bucketMillis, buckets,
    //       then kind/amount/period/legacy for each limit (a cooldown: kind 'c', its steps comma-separated, its memory;
    //       legacy: the index in KEYS of a key also counted but never written, or 0).
    static final String CONSUME = """
            local now = tonumber(ARGV[1])
            local n = tonumber(ARGV[2])
            local k = n
            local blockKey = nil
            if ARGV[4] == '1' then
              k = k + 1
              blockKey = KEYS[k]
            end
            if ARGV[5] == '1' then
              k = k + 1
              if redis.call('EXISTS', KEYS[k]) == 1 then return {3, 0, 0} end
              redis.call('SET', KEYS[k], '1', 'PX', ARGV[6])
            end
            if blockKey then
              local untilv = tonumber(redis.call('GET', blockKey) or '0')
              if untilv > now then return {2, 0, untilv - now} end
            end
            -- a window's entries: their count and the oldest (first = 0) or latest (first = -1) time; pruned on the
            -- key itself, only read on a legacy key (which is never written)
            local function entries(i, period, legacy, first)
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - period)
              local count = redis.call('ZCARD', KEYS[i])
              local edge = nil
              if count > 0 then edge = tonumber(redis.call('ZRANGE', KEYS[i], first, first, 'WITHSCORES')[2]) end
              if legacy > 0 then
                local after = string.format('(%d', now - period)
                local more = redis.call('ZCOUNT', KEYS[legacy], after, '+inf')
                if more > 0 then
                  local e
                  if first == 0 then
                    e = tonumber(redis.call('ZRANGEBYSCORE', KEYS[legacy], after, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)[2])
                    if count == 0 or e < edge then edge = e end
                  else
                    e = tonumber(redis.call('ZREVRANGEBYSCORE', KEYS[legacy], '+inf', after, 'WITHSCORES', 'LIMIT', 0, 1)[2])
                    if count == 0 or e > edge then edge = e end
                  end
                  count = count + more
                end
              end
              return count, edge
            end
            local worst, worstWait = 0, -1
            local tats = {}
            for i = 1, n do
              local base = 10 + 4 * (i - 1)
              local kind, amount, period = ARGV[base], tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2])
              local legacy = tonumber(ARGV[base + 3])
              local wait = -1
              if kind == 'w' then
                local count, oldest = entries(i, period, legacy, 0)
                if count >= amount then
                  wait = oldest + period - now
                end
              elseif kind == 'c' then
                local count, latest = entries(i, period, legacy, -1)
                if count > 0 then
                  local steps = {}
                  for step in string.gmatch(ARGV[base + 1], '%d+') do steps[#steps + 1] = tonumber(step) end
                  local w = latest + steps[math.min(count, #steps)] - now
                  if w > 0 then wait = w end
                end
              else
                local tat = tonumber(redis.call('GET', KEYS[i]) or '0')
                if tat < now then tat = now end
                local newTat = tat + period
                local allowAt = newTat - amount * period
                if allowAt > now then wait = allowAt - now end
                tats[i] = newTat
              end
              if wait > worstWait then worst, worstWait = i, wait end
            end
            if worst > 0 and worstWait >= 0 then return {1, worst, worstWait} end
            for i = 1, n do
              local base = 10 + 4 * (i - 1)
              if ARGV[base] ~= 'b' then
                redis.call('ZADD', KEYS[i], now, ARGV[3])
                redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[base + 2]))
              else
                redis.call('SET', KEYS[i], string.format('%d', tats[i]), 'PX', string.format('%d', tats[i] - now))
              end
            end
            local result = {0, 0, 0}
            local m = tonumber(ARGV[7])
            local bucket = tonumber(ARGV[8])
            local buckets = tonumber(ARGV[9])
            local idx = math.floor(now / bucket)
            for j = 1, m do
              local key = KEYS[k + j]
              redis.call('HINCRBY', key, 's:' .. string.format('%d', idx), 1)
              redis.call('PEXPIRE', key, string.format('%d', bucket * (buckets + 1)))
              local h = redis.call('HGETALL', key)
              local sent, verified = 0, 0
              for x = 1, #h, 2 do
                local f = h[x]
                local b = tonumber(string.sub(f, 3))
                if b <= idx - buckets then
                  redis.call('HDEL', key, f)
                elseif string.sub(f, 1, 1) == 's' then
                  sent = sent + tonumber(h[x + 1])
                else
                  verified = verified + tonumber(h[x + 1])
                end
              end
              result[#result + 1] = sent
              result[#result + 1] = verified
            end
            return result
            """;

    // KEYS: velocity keys. ARGV: now, bucketMillis, buckets.
    static final String VERIFIED = """
            local idx = math.floor(tonumber(ARGV[1]) / tonumber(ARGV[2]))
            local ttl = tonumber(ARGV[2]) * (tonumber(ARGV[3]) + 1)
            for j = 1, #KEYS do
              redis.call('HINCRBY', KEYS[j], 'v:' .. string.format('%d', idx), 1)
              redis.call('PEXPIRE', KEYS[j], string.format('%d', ttl))
            end
            return 1
            """;

    // KEYS: spent markers. ARGV: their lifetimes in millis, in the same order.
    static final String SPEND = """
            for j = 1, #KEYS do
              redis.call('SET', KEYS[j], '1', 'PX', ARGV[j])
            end
            return 1
            """;

    // KEYS: block key. ARGV: now, until. Keeps a longer existing block.
    static final String BLOCK = """
            local untilv = tonumber(ARGV[2])
            local existing = tonumber(redis.call('GET', KEYS[1]) or '0')
            if existing >= untilv then return 0 end
            redis.call('SET', KEYS[1], ARGV[2], 'PX', string.format('%d', untilv - tonumber(ARGV[1])))
            return 1
            """;

    /**
     * Longest wait between reconnect attempts after a lost connection (Lettuce's watchdog backs off up to this), and
     * so the Retry-After of a refusal while the store does not answer: Redis back means codes back within this.
     */
    static final Duration RECONNECT_MAX = RedisConnection.RECONNECT_MAX;

    private final RedisConnection redis;
    private final String keyPrefix;
    private final SecureRandom random;
    private String consumeSha;
    private String verifiedSha;
    private String blockSha;
    private String spendSha;

    /**
     * Does not connect: {@link #answers()} does (call it at start). A Redis that is down at startup makes assessments
     * fail closed instead of stopping the service, and the readiness probe reports it.
     *
     * @param timeout        longest wait for one command (an assessment fails closed after it)
     * @param connectTimeout longest wait for a TCP connect + handshake; longer than a command, because a cold start on a
     *                       loaded machine needs it, and only the start and a reconnect pay it
     */
    RedisShieldState(String redisUrl, String keyPrefix, Duration timeout, Duration connectTimeout, SecureRandom random) {
        this.redis = new RedisConnection(redisUrl, timeout, connectTimeout, this::loadScripts);
        this.keyPrefix = keyPrefix + "shield:";
        this.random = random;
    }

    /** Connects if not connected, then PING: true when Redis answered within the command timeout. Never throws. */
    @Override
    public boolean answers() {
        return redis.answers();
    }

    @Override
    public StateOutcome consume(Consumption c) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        c.limits().forEach(l -> keys.add(keyPrefix + l.key()));
        if (c.blockKey() != null) {
            keys.add(keyPrefix + c.blockKey());
        }
        if (c.spentKey() != null) {
            keys.add(keyPrefix + c.spentKey());
        }
        c.velocityKeys().forEach(k -> keys.add(keyPrefix + k));
        List<String> legacyIndexes = new ArrayList<>(c.limits().size());
        for (Limit l : c.limits()) {
            if (l.legacyKey() == null) {
                legacyIndexes.add("0");
            } else {
                keys.add(keyPrefix + l.legacyKey());
                legacyIndexes.add(Integer.toString(keys.size())); // Lua counts from 1
            }
        }
        byte[] nonce = new byte[8];
        random.nextBytes(nonce);
        args.add(Long.toString(c.now()));
        args.add(Integer.toString(c.limits().size()));
        args.add(c.now() + ":" + HexFormat.of().formatHex(nonce));
        args.add(c.blockKey() != null ? "1" : "0");
        args.add(c.spentKey() != null ? "1" : "0");
        args.add(Long.toString(c.spentTtlMillis()));
        args.add(Integer.toString(c.velocityKeys().size()));
        args.add(Long.toString(c.velocity().bucketMillis()));
        args.add(Integer.toString(c.velocity().buckets()));
        for (int i = 0; i < c.limits().size(); i++) {
            Limit l = c.limits().get(i);
            args.add(switch (l.kind()) {
                case WINDOW -> "w";
                case BUCKET -> "b";
                case COOLDOWN -> "c";
            });
            // a cooldown's steps travel in the amount's place, comma-separated
            args.add(l.kind() == Limit.Kind.COOLDOWN
                    ? String.join(",", l.stepsMillis().stream().map(String::valueOf).toList()) : Long.toString(l.amount()));
            args.add(Long.toString(l.periodMillis()));
            args.add(legacyIndexes.get(i));
        }
        List<Object> r = run(Script.CONSUME, keys, args);
        try {
            long status = (Long) r.get(0);
            if (status == 2) {
                return StateOutcome.blocked((Long) r.get(2));
            }
            if (status == 3) {
                return StateOutcome.replayed();
            }
            if (status == 1) {
                Limit limit = c.limits().get((int) (long) (Long) r.get(1) - 1);
                return StateOutcome.refused(limit.reason(), (Long) r.get(2));
            }
            List<StateOutcome.Counts> counts = new ArrayList<>();
            for (int i = 3; i + 1 < r.size(); i += 2) {
                counts.add(new StateOutcome.Counts((Long) r.get(i), (Long) r.get(i + 1)));
            }
            return StateOutcome.allowed(counts);
        } catch (RuntimeException e) {
            throw new ShieldStateUnavailableException("unexpected answer from the shield script", e);
        }
    }

    @Override
    public void recordVerified(List<String> velocityKeys, long now, Consumption.VelocityWindow window) {
        if (velocityKeys.isEmpty()) {
            return;
        }
        run(Script.VERIFIED, velocityKeys.stream().map(k -> keyPrefix + k).toList(),
                List.of(Long.toString(now), Long.toString(window.bucketMillis()), Integer.toString(window.buckets())));
    }

    @Override
    public void markSpent(java.util.Map<String, Long> spentKeys, long now) {
        if (spentKeys.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(spentKeys.size());
        List<String> ttls = new ArrayList<>(spentKeys.size());
        spentKeys.forEach((key, ttl) -> {
            keys.add(keyPrefix + key);
            ttls.add(Long.toString(Math.max(1, ttl)));
        });
        run(Script.SPEND, keys, ttls);
    }

    @Override
    public void block(String key, long now, long untilMillis) {
        run(Script.BLOCK, List.of(keyPrefix + key), List.of(Long.toString(now), Long.toString(untilMillis)));
    }

    @Override
    public String kind() {
        return "redis";
    }

    @Override
    public java.util.Map<String, String> pumpingRecords() {
        try {
            return new java.util.HashMap<>(redis.get().sync().hgetall(keyPrefix + "pumping"));
        } catch (RuntimeException e) {
            throw new ShieldStateUnavailableException("shield state in Redis is unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public void putPumpingRecord(String name, String value, long now) {
        try {
            if (value == null) {
                redis.get().sync().hdel(keyPrefix + "pumping", name);
            } else {
                redis.get().sync().hset(keyPrefix + "pumping", name, value);
            }
        } catch (RuntimeException e) {
            throw new ShieldStateUnavailableException("shield state in Redis is unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    private enum Script {
        CONSUME, VERIFIED, BLOCK, SPEND
    }

    private List<Object> run(Script script, List<String> keys, List<String> args) {
        String[] k = keys.toArray(String[]::new);
        String[] a = args.toArray(String[]::new);
        try {
            StatefulRedisConnection<String, String> c = redis.get();
            try {
                return c.sync().evalsha(sha(script), ScriptOutputType.MULTI, k, a);
            } catch (RedisNoScriptException e) {
                // Redis restarted and lost its script cache: load again and retry once
                loadScripts(c);
                return c.sync().evalsha(sha(script), ScriptOutputType.MULTI, k, a);
            }
        } catch (RuntimeException e) {
            throw new ShieldStateUnavailableException("shield state in Redis is unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    private synchronized void loadScripts(StatefulRedisConnection<String, String> c) {
        consumeSha = c.sync().scriptLoad(CONSUME);
        verifiedSha = c.sync().scriptLoad(VERIFIED);
        blockSha = c.sync().scriptLoad(BLOCK);
        spendSha = c.sync().scriptLoad(SPEND);
    }

    private synchronized String sha(Script script) {
        return switch (script) {
            case CONSUME -> consumeSha;
            case VERIFIED -> verifiedSha;
            case BLOCK -> blockSha;
            case SPEND -> spendSha;
        };
    }

    @Override
    public void close() {
        redis.close();
    }
}
