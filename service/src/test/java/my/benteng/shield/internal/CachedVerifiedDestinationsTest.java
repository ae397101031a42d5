package my.benteng.shield.internal;

import my.benteng.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class CachedVerifiedDestinationsTest {

    private final MovableClock clock = new MovableClock("2026-11-22T03:00:00Z");
    private final AtomicInteger reads = new AtomicInteger();
    /** Another node's view of the same table. */
    private final Set<String> table = new HashSet<>();
    private final VerifiedDestinations store = new VerifiedDestinations() {
        @Override
        public boolean everVerified(String destinationHash, String legacyHash) {
            reads.incrementAndGet();
            return table.contains(destinationHash);
        }

        @Override
        public void markVerified(String destinationHash, Instant at) {
            table.add(destinationHash);
        }
    };
    private final CachedVerifiedDestinations cached = new CachedVerifiedDestinations(store, clock);

    @Test
    void aNoIsReusedForOneSecondOnly() {
        assertThat(cached.everVerified("a", null)).isFalse();
        assertThat(cached.everVerified("a", null)).isFalse();
        assertThat(reads).hasValue(1);
        table.add("a"); // verified through another node
        clock.advance(CachedVerifiedDestinations.NEGATIVE_TTL);
        assertThat(cached.everVerified("a", null)).as("the stale no has run out").isTrue();
        assertThat(reads).hasValue(2);
    }

    @Test
    void aYesIsKeptAndThisNodesVerificationsCountAtOnce() {
        assertThat(cached.everVerified("b", null)).isFalse();
        cached.markVerified("b", clock.instant());
        assertThat(cached.everVerified("b", null)).as("no stale no after a verification here").isTrue();
        clock.advance(Duration.ofDays(30));
        assertThat(cached.everVerified("b", null)).isTrue();
        assertThat(reads).hasValue(1);
    }

    @Test
    void aFullCacheStartsAgainRatherThanGrowing() {
        for (int i = 0; i < CachedVerifiedDestinations.MAX_ENTRIES + 10; i++) {
            cached.everVerified("n" + i, null);
        }
        reads.set(0);
        assertThat(cached.everVerified("n0", null)).isFalse();
        assertThat(reads).as("emptied when full, so read again").hasValue(1);
    }
}
