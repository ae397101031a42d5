package my.benteng.shield.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared shield state (Redis, or the database without Redis) with this node's memory of its refusals in front, so
 * that a flood against the same numbers, addresses or blocked prefixes is refused without a round trip (or a write
 * transaction) each. The memory holds nothing that is not in the shared state already, so a restart loses nothing
 * but speed.
 *
 * <p>Why answering from memory is sound: every limit only ever gets stricter between two of its own refusals —
 * a window's entries leave only with time, a bucket's arrival time and a cooldown's latest entry only move later,
 * a block only lengthens — so "limit K refused at t, for w" stays true until {@code t + w} whatever other nodes
 * do meanwhile. Memory is asked only for the limits the current attempt is subject to (an allow-listed or a
 * verified number does not carry the limits it is exempt from), and an admission always goes to the shared state,
 * so no cap can be exceeded: only refusals are answered here.
 *
 * <p>A refusal answered from memory still spends the proof of work: at once on this node, and in the shared state
 * by a background writer in batches (a solution replayed on another node within that moment is caught there by its
 * own allowance only, which costs the client that solution all the same). A graceful close writes what is queued; a
 * {@code kill -9} can lose the markers of the last batch not yet written (milliseconds of memory-answered refusals),
 * whose solutions could then each be used once more within their few minutes of life — the price of keeping a flood of
 * refusals off the shared state, and never a way past a cap.
 */
class RefusalCachingShieldState implements ShieldState {

    private static final Logger log = LoggerFactory.getLogger(RefusalCachingShieldState.class);
    /** Entries per memory: a few MB; emptied when full rather than evicted piecemeal. */
    static final int MAX_ENTRIES = 100_000;
    private static final int BATCH = 500;

    private final ShieldState shared;
    /** Limit key (or block key) → epoch millis until which it refuses, and the reason it gave. */
    private final ConcurrentHashMap<String, Refusal> refusals = new ConcurrentHashMap<>();
    /** Spent-marker key → epoch millis until which it stays spent. */
    private final ConcurrentHashMap<String, Long> spent = new ConcurrentHashMap<>();
    private final BlockingQueue<PendingSpend> toWrite = new ArrayBlockingQueue<>(MAX_ENTRIES);
    private final AtomicLong lostMarkers = new AtomicLong();
    /** Markers offered and not yet handed to the shared state (or given up). */
    private final AtomicLong pending = new AtomicLong();
    private final Thread writer;
    private volatile boolean closing;

    private record Refusal(long until, String reason) {
    }

    private record PendingSpend(String key, long ttlMillis, long at) {
    }

    RefusalCachingShieldState(ShieldState shared) {
        this.shared = shared;
        this.writer = Thread.ofVirtual().name("shield-spent-writer").start(this::writeSpentMarkers);
    }

    @Override
    public StateOutcome consume(Consumption c) {
        long now = c.now();
        if (c.spentKey() != null) {
            Long spentUntil = spent.get(c.spentKey());
            if (spentUntil != null && spentUntil > now) {
                return StateOutcome.replayed();
            }
        }
        StateOutcome remembered = remembered(c, now);
        if (remembered != null) {
            if (c.spentKey() != null) {
                // refused from memory, but the solution is used up exactly as if the shared state had refused it
                remember(spent, c.spentKey(), now + c.spentTtlMillis());
                pending.incrementAndGet();
                if (!toWrite.offer(new PendingSpend(c.spentKey(), c.spentTtlMillis(), now))) {
                    pending.decrementAndGet();
                    lostMarkers.incrementAndGet(); // this node still knows it is spent; other nodes may take it once
                }
            }
            return remembered;
        }
        StateOutcome outcome = shared.consume(c);
        switch (outcome.status()) {
            case BLOCKED -> remember(refusals, c.blockKey(), new Refusal(now + outcome.retryAfterMillis(), null));
            case REFUSED -> c.limits().stream().filter(l -> l.reason().equals(outcome.reason())).findFirst()
                    .ifPresent(l -> remember(refusals, l.key(), new Refusal(now + outcome.retryAfterMillis(), l.reason())));
            default -> {
            }
        }
        return outcome;
    }

    /** The refusal this node already knows applies to {@code c}, or null. Same order as the shared state. */
    private StateOutcome remembered(Consumption c, long now) {
        if (c.blockKey() != null) {
            Refusal block = refusals.get(c.blockKey());
            if (block != null && block.until() > now) {
                return StateOutcome.blocked(block.until() - now);
            }
        }
        Refusal worst = null;
        for (Limit limit : c.limits()) {
            Refusal r = refusals.get(limit.key());
            if (r != null && r.until() > now && limit.reason().equals(r.reason()) && (worst == null || r.until() > worst.until())) {
                worst = r;
            }
        }
        return worst == null ? null : StateOutcome.refused(worst.reason(), worst.until() - now);
    }

    private static <V> void remember(ConcurrentHashMap<String, V> memory, String key, V value) {
        if (memory.size() >= MAX_ENTRIES) {
            memory.clear();
        }
        memory.put(key, value);
    }

    private void writeSpentMarkers() {
        List<PendingSpend> batch = new ArrayList<>(BATCH);
        while (!closing || !toWrite.isEmpty()) {
            try {
                PendingSpend first = toWrite.poll(50, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                toWrite.drainTo(batch, BATCH - 1);
                Map<String, Long> keys = new LinkedHashMap<>();
                long latest = 0;
                for (PendingSpend p : batch) {
                    keys.put(p.key(), p.ttlMillis());
                    latest = Math.max(latest, p.at());
                }
                shared.markSpent(keys, latest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                lostMarkers.addAndGet(batch.size());
                log.warn("spent proof-of-work markers could not be shared ({}); this node still refuses them", e.getClass().getSimpleName());
            } finally {
                pending.addAndGet(-batch.size());
                batch.clear();
            }
        }
    }

    /** Markers that could not be shared (queue full or store down); for tests and metrics. */
    long lostMarkers() {
        return lostMarkers.get();
    }

    /** Waits until every queued marker has been handed to the shared state (tests). */
    void flush() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (pending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Override
    public void recordVerified(List<String> velocityKeys, long now, Consumption.VelocityWindow velocity) {
        shared.recordVerified(velocityKeys, now, velocity);
    }

    @Override
    public void markSpent(Map<String, Long> spentKeys, long now) {
        shared.markSpent(spentKeys, now);
    }

    @Override
    public Map<String, String> pumpingRecords() {
        return shared.pumpingRecords();
    }

    @Override
    public void putPumpingRecord(String name, String value, long now) {
        shared.putPumpingRecord(name, value, now);
    }

    @Override
    public void block(String key, long now, long untilMillis) {
        shared.block(key, now, untilMillis);
        refusals.merge(key, new Refusal(untilMillis, null), (a, b) -> a.until() >= b.until() ? a : b);
    }

    @Override
    public boolean answers() {
        return shared.answers();
    }

    @Override
    public String kind() {
        return shared.kind();
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        shared.close();
    }
}
