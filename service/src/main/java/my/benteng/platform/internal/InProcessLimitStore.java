package my.benteng.platform.internal;

import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sliding-log counters in this JVM only: the reference for the contract tests. The service does not use it (see
 * {@link JdbcLimitStore}): everything here is forgotten when the JVM stops. Each key's log is mutated inside
 * {@link ConcurrentHashMap#compute}, which makes check-and-record atomic per key.
 */
class InProcessLimitStore implements LimitStore {

    /** Sweep idle keys every this many calls so that a flood of distinct keys cannot grow the map forever. */
    private static final int SWEEP_EVERY = 4096;

    private final Clock clock;
    private final Map<String, Log> logs = new ConcurrentHashMap<>();
    private int calls;

    InProcessLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public LimitProbe tryAcquire(String key, int limit, Duration window) {
        long now = clock.millis();
        long windowMillis = window.toMillis();
        LimitProbe[] result = new LimitProbe[1];
        logs.compute(key, (k, log) -> {
            Log l = log == null ? new Log() : log;
            l.expireBefore(now - windowMillis);
            l.expiresAt = now + windowMillis;
            if (l.times.size() < limit) {
                l.times.addLast(now);
                result[0] = LimitProbe.admitted(limit - l.times.size());
            } else {
                long oldest = l.times.isEmpty() ? now : l.times.peekFirst();
                result[0] = LimitProbe.refused(Duration.ofMillis(oldest + windowMillis - now));
            }
            return l;
        });
        if (++calls % SWEEP_EVERY == 0) {
            logs.entrySet().removeIf(e -> e.getValue().expiresAt < now);
        }
        return result[0];
    }

    @Override
    public String kind() {
        return "in-process";
    }

    private static final class Log {
        final ArrayDeque<Long> times = new ArrayDeque<>();
        long expiresAt;

        void expireBefore(long cutoff) {
            while (!times.isEmpty() && times.peekFirst() <= cutoff) {
                times.removeFirst();
            }
        }
    }
}
