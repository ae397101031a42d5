package my.benteng.shield.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Where the pumping levels and the learned baseline outlive a restart: the database on the embedded default, Redis
 * when configured (the first-code counters themselves are ordinary velocity counters of the {@link ShieldState}).
 * Losing this state errs towards caution only in part (a level forgotten is re-learned from the counters within
 * one code), so implementations log and carry on when the store is down; codes still fail closed in the state step.
 */
interface PumpingStore {

    /** A stored level of one scope. */
    record StoredLevel(PumpingLevel level, long since) {
    }

    /** Records that {@code scope} is at {@code level} since {@code since}; NORMAL removes it. */
    void saveLevel(String scope, PumpingLevel level, long since);

    /** Every scope stored above NORMAL. */
    Map<String, StoredLevel> levels();

    /** Stores the baseline (hours and when each learned); implementations may write at most once a minute. */
    void saveBaselineOccasionally(PumpingBaseline baseline, long now);

    /** The stored baseline: 24 expected ratios and 24 learned-at times, if any. */
    Optional<double[][]> baseline();

    /** Records that the 7-digit {@code prefix} is blocked until {@code untilMillis}, for the operator's view. */
    default void saveBlock(String prefix, long untilMillis, long now) {
    }

    /** Prefixes blocked at {@code now}, prefix → until (epoch millis). */
    default Map<String, Long> blocks(long now) {
        return Map.of();
    }

    /** Nothing kept: unit tests. */
    PumpingStore NONE = new PumpingStore() {
        @Override
        public void saveLevel(String scope, PumpingLevel level, long since) {
        }

        @Override
        public Map<String, StoredLevel> levels() {
            return Map.of();
        }

        @Override
        public void saveBaselineOccasionally(PumpingBaseline baseline, long now) {
        }

        @Override
        public Optional<double[][]> baseline() {
            return Optional.empty();
        }
    };
}
