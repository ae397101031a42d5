package my.benteng.detection.internal.sigma;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The state's bounds: a hard key cap with LRU eviction, bounded distinct values, bounded evidence. */
class InMemoryCorrelationStateTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    @Test
    void aFloodOfDistinctKeysNeverHoldsMoreThanTheCapAndCountsTheEvictions() {
        InMemoryCorrelationState state = Rules.state(1024);
        for (int i = 0; i < 100_000; i++) {
            state.observe(new CorrelationState.Key("c", List.of("k" + i)), null, i, WINDOW, 5, new long[]{i + 1});
            assertThat(state.keys()).isLessThanOrEqualTo(1024);
        }
        assertThat(state.keys()).isEqualTo(1024);
        assertThat(state.evictions()).isEqualTo(100_000 - 1024);
    }

    @Test
    void theLeastRecentlyObservedKeyIsEvictedFirst() {
        InMemoryCorrelationState state = Rules.state(16); // one key per segment
        CorrelationState.Key hot = new CorrelationState.Key("c", List.of("hot"));
        // keep one key busy while a flood of others passes through its segment: it keeps its count
        for (int i = 0; i < 1000; i++) {
            state.observe(hot, null, 0, WINDOW, 1000, new long[0]);
            state.observe(new CorrelationState.Key("c", List.of("cold" + i)), null, 0, WINDOW, 1000, new long[0]);
        }
        // with one key per segment, the hot key survives only where no cold key shares its segment after it; what must
        // hold in every case is the cap
        assertThat(state.keys()).isLessThanOrEqualTo(16);
        assertThat(state.evictions()).isPositive();
    }

    @Test
    void distinctValuesKeepAtMostTheThresholdAndStillCountExactly() {
        InMemoryCorrelationState state = Rules.state(64);
        CorrelationState.Key key = new CorrelationState.Key("c", List.of("ip"));
        SplittableRandom random = new SplittableRandom(17);
        long last = 0;
        // many repeats of few values, then new ones: fires exactly when the 10th distinct value arrives
        for (int i = 0; i < 500; i++) {
            last = state.observe(key, "user" + random.nextInt(9), i, WINDOW, 10, new long[0]).value();
            assertThat(last).isLessThanOrEqualTo(9);
        }
        CorrelationState.Outcome outcome = state.observe(key, "user-new", 600, WINDOW, 10, new long[]{7});
        assertThat(outcome.fired()).isTrue();
        assertThat(outcome.value()).isEqualTo(10);
        assertThat(outcome.evidence()).containsExactly(7L);
    }

    @Test
    void evidenceKeepsTheMostRecentEightOldestFirst() {
        InMemoryCorrelationState state = Rules.state(64);
        CorrelationState.Key key = new CorrelationState.Key("c", List.of());
        CorrelationState.Outcome outcome = null;
        for (int i = 1; i <= 20; i++) {
            outcome = state.observe(key, null, i, WINDOW, 20, new long[]{i});
        }
        assertThat(outcome.fired()).isTrue();
        assertThat(outcome.evidence()).containsExactly(13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L);
    }

    @Test
    void aCountCoversNineToTenTenthsOfTheWindow() {
        InMemoryCorrelationState state = Rules.state(64);
        CorrelationState.Key key = new CorrelationState.Key("c", List.of());
        long minute = 60_000;
        // bucket width is one minute; an event 9 minutes back is always in, 11 minutes back never
        state.observe(key, null, 0, WINDOW, 100, new long[0]);
        assertThat(state.observe(key, null, 9 * minute, WINDOW, 100, new long[0]).value()).isEqualTo(2);
        assertThat(state.observe(key, null, 20 * minute + 1, WINDOW, 100, new long[0]).value()).isEqualTo(1);
    }
}
