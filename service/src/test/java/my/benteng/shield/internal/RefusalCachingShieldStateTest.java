package my.benteng.shield.internal;

import my.benteng.shield.internal.StateOutcome.Status;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract holds with the node's memory of refusals in front, and that memory only ever refuses. */
class RefusalCachingShieldStateTest extends ShieldStateContract {

    /** The shared state as another node sees it, counting the round trips this node makes. */
    private final AtomicInteger roundTrips = new AtomicInteger();
    private final InProcessShieldState shared = new InProcessShieldState() {
        @Override
        public synchronized StateOutcome consume(Consumption consumption) {
            roundTrips.incrementAndGet();
            return super.consume(consumption);
        }
    };
    private final RefusalCachingShieldState state = new RefusalCachingShieldState(shared);

    @Override
    ShieldState state() {
        return state;
    }

    @AfterEach
    void close() {
        state.close();
    }

    private Consumption paid(String solution, Limit... limits) {
        return new Consumption(clock.millis(), List.of(limits), null, key(solution), 300_000, List.of(), VELOCITY);
    }

    @Test
    void aRememberedRefusalAnswersWithoutARoundTripAndStillSpendsTheSolutionEverywhere() throws Exception {
        Limit hourly = Limit.window(key("dest"), "shield.destination.hourly_cap", 1, Duration.ofHours(1));
        assertThat(state.consume(paid("pow:1", hourly)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state.consume(paid("pow:2", hourly)).status()).isEqualTo(Status.REFUSED);
        int trips = roundTrips.get();
        StateOutcome remembered = state.consume(paid("pow:3", hourly));
        assertThat(remembered.status()).isEqualTo(Status.REFUSED);
        assertThat(remembered.reason()).isEqualTo("shield.destination.hourly_cap");
        assertThat(remembered.retryAfterMillis()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(roundTrips).as("answered from memory").hasValue(trips);
        assertThat(state.consume(paid("pow:3", Limit.window(key("other"), "shield.other", 5, Duration.ofHours(1)))).status())
                .as("the same solution again on this node").isEqualTo(Status.REPLAYED);
        state.flush();
        assertThat(shared.consume(paid("pow:3")).status()).as("and on every other node").isEqualTo(Status.REPLAYED);
        assertThat(state.lostMarkers()).isZero();
    }

    @Test
    void memoryIsAskedOnlyForTheLimitsTheAttemptCarries() {
        Limit firstContact = Limit.window(key("fc"), "shield.destination.first_contact", 1, Duration.ofMinutes(10));
        Limit hourly = Limit.window(key("h"), "shield.destination.hourly_cap", 3, Duration.ofHours(1));
        assertThat(state.consume(consume(firstContact, hourly)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state.consume(consume(firstContact, hourly)).reason()).isEqualTo("shield.destination.first_contact");
        // the number verified meanwhile: its next attempt no longer carries the first-contact limit
        assertThat(state.consume(consume(hourly)).status()).isEqualTo(Status.ALLOWED);
    }

    @Test
    void aBlockIsRememberedUntilItEnds() {
        state.block(key("b:6012345"), clock.millis(), clock.millis() + 60_000);
        Consumption blocked = new Consumption(clock.millis(), List.of(), key("b:6012345"), null, 0, List.of(), VELOCITY);
        int trips = roundTrips.get();
        assertThat(state.consume(blocked).retryAfterMillis()).isEqualTo(60_000);
        assertThat(roundTrips).hasValue(trips);
        clock.advance(Duration.ofMinutes(1));
        assertThat(state.consume(new Consumption(clock.millis(), List.of(), key("b:6012345"), null, 0, List.of(), VELOCITY)).status())
                .isEqualTo(Status.ALLOWED);
    }

    @Test
    void aRefusalOnAnotherNodeIsLearntFromTheSharedStateNotAssumed() {
        Limit hourly = Limit.window(key("dest2"), "shield.destination.hourly_cap", 1, Duration.ofHours(1));
        shared.consume(consume(hourly)); // another node sent the one code
        int trips = roundTrips.get();
        assertThat(state.consume(consume(hourly)).status()).isEqualTo(Status.REFUSED);
        assertThat(roundTrips).as("asked the shared state the first time").hasValue(trips + 1);
        assertThat(shared.consume(paid("pow:x")).status()).isEqualTo(Status.ALLOWED);
        assertThat(state.consume(new Consumption(clock.millis(), List.of(), null, null, 0, List.of(), VELOCITY)).status())
                .isEqualTo(Status.ALLOWED);
    }
}
