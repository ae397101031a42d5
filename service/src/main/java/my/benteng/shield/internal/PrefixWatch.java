package my.benteng.shield.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which prefixes (and channels) are under suspicion, and until when. Fed by the velocity counts every
 * allowed assessment brings back from the shared state, so no extra round trip is needed to know; each
 * node keeps its own view, refreshed by its own traffic.
 */
class PrefixWatch {

    /** Entries are dropped when they expire; more than this many live entries are not tracked. */
    private static final int MAX_ENTRIES = 100_000;

    private record Suspicion(String reason, long untilMillis) {
    }

    private final Map<String, Suspicion> suspicions = new ConcurrentHashMap<>();

    void suspect(String key, String reason, long now, long untilMillis) {
        if (suspicions.size() >= MAX_ENTRIES) {
            suspicions.values().removeIf(s -> s.untilMillis() <= now);
        }
        suspicions.put(key, new Suspicion(reason, untilMillis));
    }

    Optional<String> reason(String key, long now) {
        Suspicion s = suspicions.get(key);
        if (s == null) {
            return Optional.empty();
        }
        if (s.untilMillis() <= now) {
            suspicions.remove(key, s);
            return Optional.empty();
        }
        return Optional.of(s.reason());
    }
}
