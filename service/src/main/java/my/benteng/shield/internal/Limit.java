package my.benteng.shield.internal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One limit an assessment must pass: a sliding window ({@code amount} events per {@code periodMillis}), a
 * token bucket ({@code amount} capacity, one token back every {@code periodMillis}; kept as a GCRA
 * theoretical arrival time, so the state is one integer and the arithmetic is exact in Java and Lua alike), or a
 * growing cooldown (events remembered for {@code periodMillis}; with {@code k} remembered, the next must wait
 * {@code stepsMillis[min(k, size) - 1]} after the latest).
 *
 * @param key       logical key in the shield state (no deployment prefix)
 * @param reason    reason code reported when this limit refuses
 * @param legacyKey a second key whose events count towards a window or a cooldown but which is never written (the
 *                  limit's key in the form the shield wrote before V36, see {@link HashUpgrade}), or null
 */
record Limit(String key, String reason, Kind kind, long amount, long periodMillis, List<Long> stepsMillis, String legacyKey) {

    enum Kind {
        WINDOW,
        BUCKET,
        COOLDOWN
    }

    Limit {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
        if (amount < 1 || periodMillis < 1) {
            throw new IllegalArgumentException("limit amount and period must be positive");
        }
        stepsMillis = List.copyOf(stepsMillis);
        if (kind == Kind.COOLDOWN && stepsMillis.size() != amount) {
            throw new IllegalArgumentException("a cooldown has one step per amount");
        }
        if (legacyKey != null && (kind == Kind.BUCKET || legacyKey.equals(key))) {
            throw new IllegalArgumentException("only a window or a cooldown counts a second, different key");
        }
    }

    /** This limit, counting also the events under {@code legacyKey} (null: none). */
    Limit alsoCounting(String legacyKey) {
        return new Limit(key, reason, kind, amount, periodMillis, stepsMillis, legacyKey);
    }

    /** The wait a cooldown asks after {@code remembered} events, the latest at {@code latest}; 0 or less: none. */
    long cooldownWait(int remembered, long latest, long now) {
        return remembered == 0 ? -1 : latest + stepsMillis.get(Math.min(remembered, stepsMillis.size()) - 1) - now;
    }

    static Limit window(String key, String reason, int max, Duration window) {
        return new Limit(key, reason, Kind.WINDOW, max, window.toMillis(), List.of(), null);
    }

    static Limit bucket(String key, String reason, int capacity, Duration refillEvery) {
        return new Limit(key, reason, Kind.BUCKET, capacity, refillEvery.toMillis(), List.of(), null);
    }

    static Limit cooldown(String key, String reason, List<Duration> steps, Duration memory) {
        return new Limit(key, reason, Kind.COOLDOWN, steps.size(), memory.toMillis(), steps.stream().map(Duration::toMillis).toList(), null);
    }
}
