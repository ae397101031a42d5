package my.benteng.shield.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shield state in this JVM only: the reference for the contract tests and for tools that run without a database.
 * The service does not use it (see {@link JdbcShieldState}): everything here is forgotten when the JVM stops. One lock guards every map: an assessment touches
 * several keys, and deciding all of them under one lock is what makes "refuse without consuming" atomic.
 * Each decision costs microseconds, so the lock is not a bottleneck for one node.
 */
class InProcessShieldState implements ShieldState {

    /** Sweep dead entries every this many calls so that a flood of distinct keys cannot grow memory forever. */
    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Window> windows = new HashMap<>();
    private final Map<String, Expiring> tats = new HashMap<>();
    private final Map<String, Expiring> blocks = new HashMap<>();
    private final Map<String, Expiring> spent = new HashMap<>();
    private final Map<String, Velocity> velocity = new HashMap<>();
    private long calls;

    @Override
    public synchronized StateOutcome consume(Consumption c) {
        long now = c.now();
        sweepNowAndThen(now);
        if (c.spentKey() != null) {
            Expiring marker = spent.get(c.spentKey());
            if (marker != null && marker.expiresAt > now) {
                return StateOutcome.replayed();
            }
            // spent by reaching this step, whatever the answer: a refused solution must not buy another try
            spent.put(c.spentKey(), new Expiring(1, now + c.spentTtlMillis()));
        }
        if (c.blockKey() != null) {
            Expiring block = blocks.get(c.blockKey());
            if (block != null && block.value > now) {
                return StateOutcome.blocked(block.value - now);
            }
        }
        Limit worst = null;
        long worstWait = -1;
        long[] newTats = new long[c.limits().size()];
        for (int i = 0; i < c.limits().size(); i++) {
            Limit limit = c.limits().get(i);
            long wait = -1;
            if (limit.kind() == Limit.Kind.WINDOW) {
                List<Long> times = entries(limit, now);
                if (times.size() >= limit.amount()) {
                    wait = times.getFirst() + limit.periodMillis() - now;
                }
            } else if (limit.kind() == Limit.Kind.COOLDOWN) {
                List<Long> times = entries(limit, now);
                long cooldown = times.isEmpty() ? -1 : limit.cooldownWait(times.size(), times.getLast(), now);
                if (cooldown > 0) {
                    wait = cooldown;
                }
            } else {
                Expiring stored = tats.get(limit.key());
                long tat = stored == null ? now : Math.max(stored.value, now);
                long newTat = tat + limit.periodMillis();
                long allowAt = newTat - limit.amount() * limit.periodMillis();
                if (allowAt > now) {
                    wait = allowAt - now;
                }
                newTats[i] = newTat;
            }
            if (wait > worstWait) {
                worst = limit;
                worstWait = wait;
            }
        }
        if (worst != null && worstWait >= 0) {
            return StateOutcome.refused(worst.reason(), worstWait);
        }
        for (int i = 0; i < c.limits().size(); i++) {
            Limit limit = c.limits().get(i);
            if (limit.kind() != Limit.Kind.BUCKET) {
                Window w = windows.get(limit.key());
                w.times.addLast(now);
                w.expiresAt = now + limit.periodMillis();
            } else {
                tats.put(limit.key(), new Expiring(newTats[i], newTats[i]));
            }
        }
        List<StateOutcome.Counts> counts = new ArrayList<>();
        for (String key : c.velocityKeys()) {
            Velocity v = velocity.computeIfAbsent(key, k -> new Velocity());
            v.add(c.velocity().index(now), 0, now + c.velocity().lifetimeMillis());
            counts.add(v.tally(c.velocity().index(now), c.velocity().buckets()));
        }
        return StateOutcome.allowed(counts);
    }

    /** The times of a window's entries, oldest first: its own (pruned) and its legacy key's (only read). */
    private List<Long> entries(Limit limit, long now) {
        long cutoff = now - limit.periodMillis();
        Window w = windows.computeIfAbsent(limit.key(), k -> new Window());
        w.trim(cutoff);
        List<Long> times = new ArrayList<>(w.times);
        Window legacy = limit.legacyKey() == null ? null : windows.get(limit.legacyKey());
        if (legacy != null) {
            legacy.times.stream().filter(t -> t > cutoff).forEach(times::add);
            times.sort(null);
        }
        return times;
    }

    @Override
    public synchronized void recordVerified(List<String> velocityKeys, long now, Consumption.VelocityWindow window) {
        for (String key : velocityKeys) {
            velocity.computeIfAbsent(key, k -> new Velocity()).add(window.index(now), 1, now + window.lifetimeMillis());
        }
    }

    @Override
    public synchronized void markSpent(Map<String, Long> spentKeys, long now) {
        spentKeys.forEach((key, ttl) -> spent.put(key, new Expiring(1, now + ttl)));
    }

    @Override
    public synchronized void block(String key, long now, long untilMillis) {
        Expiring existing = blocks.get(key);
        if (existing == null || existing.value < untilMillis) {
            blocks.put(key, new Expiring(untilMillis, untilMillis));
        }
    }

    @Override
    public String kind() {
        return "in-process";
    }

    private void sweepNowAndThen(long now) {
        if (++calls % SWEEP_EVERY != 0) {
            return;
        }
        windows.values().removeIf(w -> w.expiresAt <= now);
        tats.values().removeIf(e -> e.expiresAt <= now);
        blocks.values().removeIf(e -> e.expiresAt <= now);
        spent.values().removeIf(e -> e.expiresAt <= now);
        velocity.values().removeIf(v -> v.expiresAt <= now);
    }

    private record Expiring(long value, long expiresAt) {
    }

    private static final class Window {
        final ArrayDeque<Long> times = new ArrayDeque<>();
        long expiresAt;

        void trim(long cutoff) {
            while (!times.isEmpty() && times.peekFirst() <= cutoff) {
                times.removeFirst();
            }
        }
    }

    /** Sent (index 0) and verified (index 1) counts per time bucket. */
    private static final class Velocity {
        final TreeMap<Long, long[]> buckets = new TreeMap<>();
        long expiresAt;

        void add(long index, int which, long expiresAt) {
            buckets.computeIfAbsent(index, i -> new long[2])[which]++;
            this.expiresAt = Math.max(this.expiresAt, expiresAt);
        }

        StateOutcome.Counts tally(long index, int count) {
            buckets.headMap(index - count, true).clear();
            long sent = 0;
            long verified = 0;
            for (long[] b : buckets.values()) {
                sent += b[0];
                verified += b[1];
            }
            return new StateOutcome.Counts(sent, verified);
        }
    }

    private final Map<String, String> pumping = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Map<String, String> pumpingRecords() {
        return new HashMap<>(pumping);
    }

    @Override
    public void putPumpingRecord(String name, String value, long now) {
        if (value == null) {
            pumping.remove(name);
        } else {
            pumping.put(name, value);
        }
    }
}
