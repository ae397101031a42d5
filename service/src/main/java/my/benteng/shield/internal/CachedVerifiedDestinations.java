package my.benteng.shield.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Ever verified" answers kept on this node, so that a flood of requests for the same numbers (code bombing)
 * does not cost a database read each. A yes never changes (nothing un-verifies a destination), so it is kept
 * until the cache is full; a no is kept only {@link #NEGATIVE_TTL}, because another node may record the
 * verification meanwhile — and a stale no only treats the number as first contact (stricter limits) for that
 * long. This node's own verifications update the cache at once.
 */
class CachedVerifiedDestinations implements VerifiedDestinations {

    static final Duration NEGATIVE_TTL = Duration.ofSeconds(1);
    /** ≈ 100 bytes an entry: a few MB at most; when full it is emptied rather than evicted piecemeal. */
    static final int MAX_ENTRIES = 100_000;
    private static final long FOREVER = Long.MAX_VALUE;

    private final VerifiedDestinations store;
    private final Clock clock;
    /** destination hash → until when the answer may be reused: {@link #FOREVER} for yes, a short time for no. */
    private final ConcurrentHashMap<String, Long> answers = new ConcurrentHashMap<>();

    CachedVerifiedDestinations(VerifiedDestinations store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public boolean everVerified(String destinationHash, String legacyHash) {
        long now = clock.millis();
        Long until = answers.get(destinationHash);
        if (until != null) {
            if (until == FOREVER) {
                return true;
            }
            if (until > now) {
                return false;
            }
        }
        boolean verified = store.everVerified(destinationHash, legacyHash);
        remember(destinationHash, verified ? FOREVER : now + NEGATIVE_TTL.toMillis());
        return verified;
    }

    @Override
    public void markVerified(String destinationHash, Instant at) {
        store.markVerified(destinationHash, at);
        remember(destinationHash, FOREVER);
    }

    private void remember(String destinationHash, long until) {
        if (answers.size() >= MAX_ENTRIES) {
            answers.clear();
        }
        answers.merge(destinationHash, until, Math::max); // a late "no" from a read racing a verification never overwrites the "yes"
    }
}
