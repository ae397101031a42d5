package my.benteng.shield.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * One limit an assessment must pass: a sliding window ({@code amount} events per {@code periodMillis}) or a
 * token bucket ({@code amount} capacity, one token back every {@code periodMillis}; kept as a GCRA
 * theoretical arrival time, so the state is one integer and the arithmetic is exact in Java and Lua alike).
 *
 * @param key    logical key in the shield state (no deployment prefix)
 * @param reason reason code reported when this limit refuses
 */
record Limit(String key, String reason, Kind kind, long amount, long periodMillis) {

    enum Kind {
        WINDOW,
        BUCKET
    }

    Limit {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(kind, "kind");
        if (amount < 1 || periodMillis < 1) {
            throw new IllegalArgumentException("limit amount and period must be positive");
        }
    }

    static Limit window(String key, String reason, int max, Duration window) {
        return new Limit(key, reason, Kind.WINDOW, max, window.toMillis());
    }

    static Limit bucket(String key, String reason, int capacity, Duration refillEvery) {
        return new Limit(key, reason, Kind.BUCKET, capacity, refillEvery.toMillis());
    }
}
