package my.benteng.shield.internal;

/**
 * The shield's counters, buckets, blocks and spent proofs of work: in the database (one short transaction per
 * assessment) when there is no Redis, so that they survive a restart, in Redis (one Lua script per assessment) for
 * scale-out. Implementations give the same answers; one contract test suite runs against each.
 */
interface ShieldState extends AutoCloseable {

    /**
     * Decides and applies one assessment atomically; if anything refuses, no limit is consumed (the proof of work
     * is spent all the same, see {@link Consumption}).
     *
     * @throws ShieldStateUnavailableException when the store cannot be reached (callers fail closed)
     */
    StateOutcome consume(Consumption consumption);

    /** Counts one verified code on each velocity key. */
    void recordVerified(java.util.List<String> velocityKeys, long now, Consumption.VelocityWindow velocity);

    /**
     * Marks proof-of-work solutions spent (key → lifetime in millis) without deciding anything: for refusals a node
     * answered from what it already knew.
     *
     * @throws ShieldStateUnavailableException when the store cannot be reached
     */
    void markSpent(java.util.Map<String, Long> spentKeys, long now);

    /** Blocks {@code key} until {@code untilMillis}; an existing longer block is kept. */
    void block(String key, long now, long untilMillis);

    /**
     * The pumping signal's records (levels of raised scopes, the learned baseline), name to value; few and small.
     *
     * @throws ShieldStateUnavailableException when the store cannot be reached
     */
    java.util.Map<String, String> pumpingRecords();

    /**
     * Writes one pumping record; a null value removes it.
     *
     * @throws ShieldStateUnavailableException when the store cannot be reached
     */
    void putPumpingRecord(String name, String value, long now);

    /** True when the store answers now (Redis: connects if need be, then PING); in process always. Never throws. */
    default boolean answers() {
        return true;
    }

    /** "database", "redis" or "in-process". */
    String kind();

    /** Releases connections; nothing to do in process. */
    @Override
    default void close() {
    }
}
