package my.benteng.detection.internal.correlation;

import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A shared store with this node's memory behind it: when the store fails, the observation is counted in memory
 * (bounded by the in-memory cap), counted in {@code benteng_detection_correlation_local_total} and logged (at most once
 * a minute), and the store is left alone for {@code retryAfter} before it is tried again, so a store that is down costs
 * no timeout per event. Detection thus goes on — per node — while the store is away; thresholds of an attack spread over
 * nodes are then counted per node, and counts split between memory and the store when it comes back are not added up
 * (a key may need up to a window longer to fire). Detection never stops the audit append in any case: it runs on its
 * own thread ({@code DetectionEngine}).
 */
public final class FailSoftCorrelationState implements CorrelationState, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FailSoftCorrelationState.class);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    private final CorrelationState store;
    private final InMemoryCorrelationState local;
    private final long retryAfterNanos;
    private final LongAdder localObservations = new LongAdder();
    private volatile long storeAwayUntil = Long.MIN_VALUE;
    private volatile boolean away;
    private volatile long lastLog = Long.MIN_VALUE;

    public FailSoftCorrelationState(CorrelationState store, InMemoryCorrelationState local, Duration retryAfter) {
        this.store = store;
        this.local = local;
        this.retryAfterNanos = retryAfter.toNanos();
    }

    @Override
    public Outcome observe(Key key, String member, long atMillis, Duration window, long threshold, long[] evidence) {
        // wall time (nanoTime) and not the service clock: this is about how long a store has been unreachable
        if (!away || System.nanoTime() - storeAwayUntil >= 0) {
            try {
                Outcome outcome = store.observe(key, member, atMillis, window, threshold, evidence);
                if (away) {
                    away = false;
                    log.info("detection correlation state in the {} answers again", store.kind());
                }
                return outcome;
            } catch (CorrelationStoreException e) {
                away = true;
                storeAwayUntil = System.nanoTime() + retryAfterNanos;
                long now = System.nanoTime();
                if (lastLog == Long.MIN_VALUE || now - lastLog >= LOG_EVERY_NANOS) {
                    lastLog = now;
                    log.warn("{}; correlation thresholds are counted in this node's memory until it answers", e.getMessage());
                }
            }
        }
        localObservations.increment();
        return local.observe(key, member, atMillis, window, threshold, evidence);
    }

    /**
     * The work in one unit of the store while it answers (an observation that fails in it is counted in memory, as
     * always). When the unit fails at its end, the observations the store took in it are lost (logged) — their matches
     * were already raised, so at worst a key counts again from less.
     */
    @Override
    public <T> T batch(java.util.function.Supplier<T> work) {
        if (away && System.nanoTime() - storeAwayUntil < 0) {
            return work.get();
        }
        boolean[] ran = {false};
        try {
            return store.batch(() -> {
                ran[0] = true;
                return work.get();
            });
        } catch (CorrelationStoreException e) {
            away = true;
            storeAwayUntil = System.nanoTime() + retryAfterNanos;
            log.warn("{}; a batch of correlation observations was {}", e.getMessage(), ran[0] ? "lost" : "counted without it");
            return ran[0] ? null : work.get();
        }
    }

    /** The store's keys, and this node's keys in memory. */
    @Override
    public long keys() {
        return Math.max(0, store.keys()) + local.keys();
    }

    @Override
    public long evictions() {
        return store.evictions() + local.evictions();
    }

    @Override
    public long localObservations() {
        return localObservations.sum();
    }

    @Override
    public String kind() {
        return store.kind();
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }
}
