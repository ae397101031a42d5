package my.benteng.platform;

import java.time.Duration;

/**
 * Atomic rate counters shared by every node: in the database on the embedded default (one short transaction, kept
 * across restarts), in Redis (one Lua script, one round trip) when {@code benteng.redis-url} is set. A check and its increment are one operation, so
 * parallel requests cannot slip past a limit between a read and a write.
 */
public interface LimitStore {

    /**
     * Records one event under {@code key} if fewer than {@code limit} events were recorded in the rolling
     * {@code window} that ends now (a sliding log, exact for the small limits it is meant for).
     */
    LimitProbe tryAcquire(String key, int limit, Duration window);

    /** True when the store answers now (Redis: connects if need be, then PING); in process always. Never throws. */
    default boolean answers() {
        return true;
    }

        /** Where the counters live, for health and the README ("database" or "redis"). */
    String kind();
}
