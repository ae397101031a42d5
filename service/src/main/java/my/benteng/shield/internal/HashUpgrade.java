package my.benteng.shield.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When this deployment began writing destination hashes in the platform's contact form ({@link DestinationHasher#hash}),
 * and so what the shield must still read in the form it wrote before ({@link DestinationHasher#legacyHash}). The stored
 * state holds no contact in clear, so it cannot be rehashed; instead:
 * <ul>
 * <li>a window or a cooldown keyed by a destination also counts its legacy key for as long as that window can still
 * hold an event written before the upgrade ({@link #countingLegacy}); after that the legacy keys are never read, and
 * they are never written. Without this an upgrade would hand every number a fresh set of caps.</li>
 * <li>the "ever verified" memory is permanent: a destination is looked up in both forms for good (and rewritten in the
 * new form when only the old one is found, see {@link JdbcVerifiedDestinations}).</li>
 * </ul>
 * A fresh install has no legacy period: migration V36 keeps a row in {@code shield_hash_upgrade} only for a database
 * that had served codes before it, and the first start of the new version stamps that row with the service clock.
 */
final class HashUpgrade {

    /**
     * Added to each window: covers a rolling upgrade (nodes of the old version keep writing the old form for a while
     * after the first new node stamped the row) and clock differences between nodes. Generous, because reading a key
     * that is no longer there costs next to nothing and missing one that still is would re-open a cap.
     */
    static final Duration MARGIN = Duration.ofDays(1);

    private static final HashUpgrade NONE = new HashUpgrade(null);

    /** Null on a fresh install. */
    private final Instant upgradedAt;

    private HashUpgrade(Instant upgradedAt) {
        this.upgradedAt = upgradedAt;
    }

    /** A deployment that never wrote the old form. */
    static HashUpgrade none() {
        return NONE;
    }

    /** A deployment that began writing the new form at {@code upgradedAt}. */
    static HashUpgrade at(Instant upgradedAt) {
        return new HashUpgrade(java.util.Objects.requireNonNull(upgradedAt, "upgradedAt"));
    }

    /**
     * Reads this deployment's upgrade, stamping it with {@code clock} at the first start after migration V36 (one
     * statement, so of several nodes starting at once the first one's time is kept).
     */
    static HashUpgrade load(JdbcClient jdbc, Clock clock) {
        jdbc.sql("UPDATE shield_hash_upgrade SET upgraded_at = :now WHERE upgraded_at IS NULL").param("now", clock.millis()).update();
        Optional<Long> at = jdbc.sql("SELECT upgraded_at FROM shield_hash_upgrade").query(Long.class).optional();
        return at.map(millis -> at(Instant.ofEpochMilli(millis))).orElse(NONE);
    }

    /** Whether anything may be stored in the old form: then the permanent memories are looked up in both forms. */
    boolean legacyStored() {
        return upgradedAt != null;
    }

    /** Whether a window this long may still hold an event written in the old form at {@code now}. */
    boolean windowMayHoldLegacy(long windowMillis, Instant now) {
        return upgradedAt != null && now.isBefore(upgradedAt.plusMillis(windowMillis).plus(MARGIN));
    }

    /**
     * {@code limits}, where each window or cooldown keyed by the destination's hash also counts the same key under
     * the legacy hash, as long as its window may still hold an event of that form.
     */
    List<Limit> countingLegacy(List<Limit> limits, String hash, String legacyHash, Instant now) {
        if (upgradedAt == null) {
            return limits;
        }
        List<Limit> counted = new ArrayList<>(limits.size());
        for (Limit limit : limits) {
            boolean keyedByDestination = limit.kind() != Limit.Kind.BUCKET && limit.key().contains(hash);
            counted.add(keyedByDestination && windowMayHoldLegacy(limit.periodMillis(), now)
                    ? limit.alsoCounting(limit.key().replace(hash, legacyHash)) : limit);
        }
        return counted;
    }

    @Override
    public String toString() {
        return upgradedAt == null ? "HashUpgrade[none]" : "HashUpgrade[" + upgradedAt + "]";
    }
}
