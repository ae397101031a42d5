package my.benteng.shield.internal;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refusals counted per reason while request threads add and the audit writer takes the counts out. Plain counts changed
 * by {@code merge} and taken by {@code remove}, both atomic per key: a counter object taken out of the map while a
 * request thread still held it would lose that thread's increment (a flood's refusals went uncounted).
 */
final class CoalescedCounts {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    void add(String reason) {
        counts.merge(reason, 1L, Long::sum);
    }

    boolean isEmpty() {
        return counts.isEmpty();
    }

    /** The counts so far, in reason order, each removed: every add lands in exactly one call's answer. */
    Map<String, Long> takeAll() {
        Map<String, Long> taken = new TreeMap<>();
        for (String reason : List.copyOf(counts.keySet())) {
            Long n = counts.remove(reason);
            if (n != null) {
                taken.put(reason, n);
            }
        }
        return taken;
    }
}
