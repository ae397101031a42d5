package my.benteng.shield.internal;

import my.benteng.testing.MovableClock;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.internal.StateOutcome.Status;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static my.benteng.shield.internal.ShieldFixtures.attempt;
import static my.benteng.shield.internal.ShieldFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

/** The per-destination and per-client policies, run against the in-process state with a movable clock. */
class CountingPoliciesTest {

    private final MovableClock clock = new MovableClock(ShieldFixtures.DAYTIME);
    private final InProcessShieldState state = new InProcessShieldState();
    private final DestinationCapPolicy caps = new DestinationCapPolicy(ShieldProperties.defaults());
    private final ClientLimitPolicy clients = new ClientLimitPolicy(ShieldProperties.defaults());

    private StateOutcome consume(List<Limit> limits) {
        return state.consume(new Consumption(clock.millis(), limits, null, null, 0, List.of(),
                Consumption.VelocityWindow.of(Duration.ofHours(1))));
    }

    @Test
    void aVerifiedDestinationGetsThreeCodesAnHourAndFiveADay() {
        List<Limit> limits = caps.limits("hash", true);
        for (int i = 0; i < 3; i++) {
            assertThat(consume(limits).status()).isEqualTo(Status.ALLOWED);
        }
        StateOutcome fourth = consume(limits);
        assertThat(fourth.reason()).isEqualTo("shield.destination.hourly_cap");
        assertThat(fourth.retryAfterMillis()).isEqualTo(Duration.ofHours(1).toMillis());
        clock.advance(Duration.ofHours(1));
        assertThat(consume(limits).status()).isEqualTo(Status.ALLOWED);
        assertThat(consume(limits).status()).isEqualTo(Status.ALLOWED);
        StateOutcome sixth = consume(limits);
        assertThat(sixth.reason()).isEqualTo("shield.destination.daily_cap");
        assertThat(sixth.retryAfterMillis()).isEqualTo(Duration.ofHours(23).toMillis());
    }

    @Test
    void aFirstContactDestinationGetsOneCodePerTenMinutes() {
        List<Limit> limits = caps.limits("new", false);
        assertThat(consume(limits).status()).isEqualTo(Status.ALLOWED);
        StateOutcome second = consume(limits);
        assertThat(second.reason()).isEqualTo("shield.destination.first_contact");
        assertThat(second.retryAfterMillis()).isEqualTo(Duration.ofMinutes(10).toMillis());
        clock.advance(Duration.ofMinutes(10));
        assertThat(consume(limits).status()).isEqualTo(Status.ALLOWED);
    }

    @Test
    void anAddressHasABurstOfTwentyThenOneCodeEveryTwoMinutes() {
        for (int i = 0; i < 20; i++) {
            assertThat(consume(clients.limits(attempt(phone("+6012345" + String.format("%04d", i)), "203.0.113.7"))).status())
                    .isEqualTo(Status.ALLOWED);
        }
        StateOutcome refused = consume(clients.limits(attempt(phone("+60129999999"), "203.0.113.7")));
        assertThat(refused.reason()).isEqualTo("shield.client.ip");
        assertThat(refused.retryAfterMillis()).isEqualTo(Duration.ofMinutes(2).toMillis());
        // a neighbour in the same /24 still has its own address bucket and the subnet's
        assertThat(consume(clients.limits(attempt(phone("+60129999999"), "203.0.113.8"))).status()).isEqualTo(Status.ALLOWED);
    }

    @Test
    void aBotRotatingAddressesInOneSubnetRunsIntoTheSubnetBucket() {
        int allowed = 0;
        for (int i = 0; i < 256; i++) {
            if (consume(clients.limits(attempt(phone("+60123450000"), "198.51.100." + i))).status() == Status.ALLOWED) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(200);
        assertThat(consume(clients.limits(attempt(phone("+60123450000"), "198.51.100.1"))).reason()).isEqualTo("shield.client.subnet");
    }

    @Test
    void aClientIdHasItsOwnSmallBucket() {
        for (int i = 0; i < 5; i++) {
            assertThat(consume(clients.limits(attempt(phone("+60123450000"), "192.0.2." + i).withClientId("app-1"))).status())
                    .isEqualTo(Status.ALLOWED);
        }
        assertThat(consume(clients.limits(attempt(phone("+60123450000"), "192.0.2.77").withClientId("app-1"))).reason())
                .isEqualTo("shield.client.id");
        assertThat(consume(clients.limits(attempt(phone("+60123450000"), "192.0.2.78").withClientId("app-2"))).status())
                .isEqualTo(Status.ALLOWED);
    }
}
