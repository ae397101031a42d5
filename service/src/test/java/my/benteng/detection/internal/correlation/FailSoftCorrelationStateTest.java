package my.benteng.detection.internal.correlation;

import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A shared store that does not answer: the node counts in its own memory, says so, and detection goes on. */
class FailSoftCorrelationStateTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);

    @Test
    void aStoreThatDoesNotAnswerIsReplacedByThisNodesMemoryAndCounted() throws Exception {
        // nothing listens on port 1 of loopback: the connection is refused at once
        RedisCorrelationState down = new RedisCorrelationState("redis://127.0.0.1:1", "benteng-test:", Duration.ofMillis(200),
                Duration.ofMillis(500));
        try (FailSoftCorrelationState state = new FailSoftCorrelationState(down, new InMemoryCorrelationState(64, new byte[]{1}),
                Duration.ofMinutes(1))) {
            CorrelationState.Key key = new CorrelationState.Key("c", List.of("+6012*****89"));
            CorrelationState.Outcome last = null;
            for (int i = 1; i <= 5; i++) {
                last = state.observe(key, null, 1_000L * i, WINDOW, 5, new long[]{i});
            }
            assertThat(last.fired()).as("still detected, on this node's own count").isTrue();
            assertThat(last.evidence()).containsExactly(1, 2, 3, 4, 5);
            assertThat(state.localObservations()).isEqualTo(5);
            assertThat(state.kind()).isEqualTo("redis");
        }
    }

    @Test
    void aStoreThatAnswersLeavesTheMemoryUnused() throws Exception {
        InMemoryCorrelationState shared = new InMemoryCorrelationState(64, new byte[]{2});
        InMemoryCorrelationState local = new InMemoryCorrelationState(64, new byte[]{3});
        try (FailSoftCorrelationState state = new FailSoftCorrelationState(shared, local, Duration.ofMinutes(1))) {
            state.observe(new CorrelationState.Key("c", List.of("x")), null, 1, WINDOW, 5, new long[]{1});
            assertThat(state.localObservations()).isZero();
            assertThat(local.keys()).isZero();
            assertThat(shared.keys()).isEqualTo(1);
        }
    }
}
