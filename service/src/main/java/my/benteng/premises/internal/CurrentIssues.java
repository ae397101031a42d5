package my.benteng.premises.internal;

import my.benteng.premises.PremisesId;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A short-lived per-node copy of each premises' current QR version and name, so that verifying a scan at check-in
 * (thousands a second, a few hundred premises hot at once) does not read the {@code premises} table every time.
 * <p><b>Revocation bound.</b> A re-issue (which revokes the old poster) takes effect within {@code ttl} on every node
 * — here usually at once, because the re-issue {@link #forget}s the entry after it committed (a scan reloading at that
 * very moment can put the old version back, for at most the TTL again); on other nodes within {@code ttl} ({@code benteng.premises.verify-cache-ttl}, 5 s by
 * default): an old poster keeps checking people in on other nodes at most that long after its revocation. That is the
 * price of not reading the database per scan; a revoked poster is a reprint, not a security emergency, and the check-in
 * it lets through is still a real person at a real premises.
 * <p>Only premises whose token already passed the MAC reach this (ids the server issued), so nobody outside can fill
 * it with made-up ids; misses are not cached. Past {@code maxEntries} it starts over rather than growing.
 */
final class CurrentIssues {

    /** What a scan is checked against: the current QR version and the name shown on the confirmation. */
    record Issue(int version, String name) {
    }

    private record Entry(Issue issue, long loadedAt) {
    }

    private final ConcurrentHashMap<PremisesId, Entry> entries = new ConcurrentHashMap<>();
    private final Function<PremisesId, Optional<Issue>> load;
    private final Clock clock;
    private final long ttlMillis;
    private final int maxEntries;

    CurrentIssues(Function<PremisesId, Optional<Issue>> load, Clock clock, Duration ttl, int maxEntries) {
        this.load = load;
        this.clock = clock;
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
    }

    /** The premises' current issue, from the copy when it is younger than the TTL, else from the database. */
    Optional<Issue> get(PremisesId id) {
        long now = clock.millis();
        Entry e = entries.get(id);
        // a clock that went back counts as expired too, so an entry can never outlive the TTL by a clock step
        if (e != null && now - e.loadedAt() < ttlMillis && now >= e.loadedAt()) {
            return Optional.of(e.issue());
        }
        Optional<Issue> fresh = load.apply(id);
        if (fresh.isEmpty()) {
            entries.remove(id);
            return fresh;
        }
        if (ttlMillis > 0) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(id, new Entry(fresh.get(), now));
        }
        return fresh;
    }

    /** Called after this node changed the premises' QR version or name: the next scan reads the database. */
    void forget(PremisesId id) {
        entries.remove(id);
    }
}
