package my.benteng.detection.internal.sigma;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where correlation rules keep their counts: per correlation rule and group-by key, in buckets of a tenth of the rule's
 * timespan, so a count covers between nine and ten tenths of the window. {@link InMemoryCorrelationState} serves one
 * node; the shared stores ({@code detection.internal.correlation}: Redis, one Lua script per observation over bucketed
 * counters or sorted sets with a TTL; the database on the embedded default, one short transaction) let every node count
 * into the same keys, so that an attack spread over nodes is counted once (decision 0026).
 */
public interface CorrelationState {

    /** Buckets per window. */
    int BUCKETS = 10;

    /** Most recent contributing audit sequence numbers kept per key, as a match's evidence. */
    int EVIDENCE = 8;

    /**
     * Records one observation and says, atomically with it, whether the key reached the threshold within the window
     * ending at {@code atMillis}. When it did, the key's state is cleared, so the next match needs a full threshold
     * again: a flood raises one match per threshold's worth of events, not one per event.
     *
     * @param member   null to count events; otherwise the value (or rule) whose distinct occurrences are counted
     * @param evidence audit sequence numbers of what this observation stands for (0s are ignored)
     */
    Outcome observe(Key key, String member, long atMillis, Duration window, long threshold, long[] evidence);

    /**
     * Runs {@code work}, which makes several observations, as one unit where the store can: one database transaction
     * instead of one per observation, so a burst costs one commit per batch. The default just runs it.
     */
    default <T> T batch(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** Group-by keys held now. */
    long keys();

    /** Keys dropped (least recently used first) because the cap was reached since start. */
    long evictions();

    /**
     * Observations this node counted in its own memory because the shared store did not answer (0 for a state that is
     * only in memory): while it is positive and growing, an attack spread over nodes may be counted per node.
     */
    default long localObservations() {
        return 0;
    }

    /** Where the counts are: {@code memory}, {@code database} or {@code redis}. */
    default String kind() {
        return "memory";
    }

    /**
     * @param correlation the correlation rule's id
     * @param values      the event's values of the rule's group-by fields, in the rule's order (empty: one global key)
     */
    record Key(String correlation, List<String> values) {
        public Key {
            Objects.requireNonNull(correlation);
            values = List.copyOf(values);
        }
    }

    /**
     * @param fired    the threshold was reached by this observation
     * @param value    the count, or the distinct members, in the window (after this observation)
     * @param evidence when fired: the most recent contributing audit sequence numbers, oldest first
     */
    record Outcome(boolean fired, long value, long[] evidence) {
        static final long[] NONE = new long[0];
    }
}
