package my.benteng.shield.internal;

import java.util.List;
import java.util.Objects;

/**
 * Everything one assessment asks of the shield state, decided in one atomic step: refuse if {@code spentKey} (a
 * used PoW solution) exists; otherwise mark the solution spent (whatever follows: a refused attempt must cost
 * the client a new solution), then refuse if {@code blockKey} holds an active block or any limit refuses;
 * otherwise consume every limit and count one sent code on each velocity key.
 *
 * @param now            epoch millis from the service clock (never the client's)
 * @param blockKey       key of a prefix block to honour, or null
 * @param spentKey       key marking the PoW solution as used, or null
 * @param spentTtlMillis how long the spent marker must live (until the challenge expires)
 * @param velocityKeys   counters of sent/verified codes (prefix, global) to bump and read back
 * @param velocity       bucket layout of those counters
 */
record Consumption(long now, List<Limit> limits, String blockKey, String spentKey, long spentTtlMillis,
                   List<String> velocityKeys, VelocityWindow velocity) {

    Consumption {
        limits = List.copyOf(limits);
        velocityKeys = List.copyOf(velocityKeys);
        Objects.requireNonNull(velocity, "velocity");
        if (spentKey != null && spentTtlMillis < 1) {
            throw new IllegalArgumentException("spent marker needs a positive lifetime");
        }
    }

    /**
     * Velocity counters are kept in {@code buckets} buckets of {@code bucketMillis}; the window is their sum,
     * so memory per prefix is bounded however many codes are sent.
     */
    record VelocityWindow(long bucketMillis, int buckets) {

        static VelocityWindow of(java.time.Duration window) {
            return new VelocityWindow(Math.max(1, window.toMillis() / 12), 12);
        }

        long index(long now) {
            return Math.floorDiv(now, bucketMillis);
        }

        long lifetimeMillis() {
            return bucketMillis * (buckets + 1L);
        }
    }
}
