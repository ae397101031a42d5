package my.benteng.shield.internal;

import my.benteng.platform.SpendLevel;
import my.benteng.testing.MovableClock;
import my.benteng.shield.DenyKind;
import my.benteng.shield.RegistryEntry;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry, spend, quiet-hours and velocity policies, each alone. */
class SimplePoliciesTest {

    private final MovableClock clock = new MovableClock(ShieldFixtures.DAYTIME);

    private RegistryEntry entry(RegistryEntry.Action action, RegistryEntry.Match match, String digits) {
        return new RegistryEntry("id", action, match, digits, "test", "op", clock.instant(), clock.instant().plusSeconds(60));
    }

    @Test
    void aRegistryDenyRefusesAndBeatsAnAllow() {
        RegistryPolicy policy = new RegistryPolicy();
        List<RegistryEntry> both = List.of(entry(RegistryEntry.Action.ALLOW, RegistryEntry.Match.NUMBER, "60123456789"),
                entry(RegistryEntry.Action.DENY, RegistryEntry.Match.PREFIX, "6012345"));
        assertThat(policy.check(both)).contains(new Verdict.Deny("shield.registry.denied", Duration.ZERO, DenyKind.UNDELIVERABLE));
        assertThat(policy.allowListed(both)).isFalse();
        List<RegistryEntry> allow = both.subList(0, 1);
        assertThat(policy.check(allow)).isEmpty();
        assertThat(policy.allowListed(allow)).isTrue();
        assertThat(policy.allowListed(List.of())).isFalse();
    }

    @Test
    void registryEntriesCoverTheirNumberOrPrefixOnly() {
        assertThat(entry(RegistryEntry.Action.DENY, RegistryEntry.Match.PREFIX, "6012345").covers("60123456789")).isTrue();
        assertThat(entry(RegistryEntry.Action.DENY, RegistryEntry.Match.NUMBER, "6012345678").covers("60123456789")).isFalse();
        assertThat(entry(RegistryEntry.Action.DENY, RegistryEntry.Match.PREFIX, "6019").covers("60123456789")).isFalse();
    }

    @Test
    void overTheSpendCapNothingPassesAndNearItOnlyAllowListedDestinations() {
        SpendPolicy policy = new SpendPolicy(Duration.ofHours(1));
        assertThat(policy.check(SpendLevel.NORMAL, false)).isEmpty();
        assertThat(policy.check(SpendLevel.NEAR_CAP, true)).isEmpty();
        assertThat(policy.check(SpendLevel.NEAR_CAP, false)).contains(
                new Verdict.Deny("shield.spend.near_cap", Duration.ofHours(1), DenyKind.UNAVAILABLE));
        assertThat(policy.check(SpendLevel.OVER_CAP, true)).contains(
                new Verdict.Deny("shield.spend.over_cap", Duration.ofHours(1), DenyKind.UNAVAILABLE));
    }

    @Test
    void quietHoursAskEveryRequestForHighWorkBetweenMidnightAndSixLocalTime() {
        QuietHoursPolicy policy = new QuietHoursPolicy(ShieldProperties.defaults());
        clock.set(Instant.parse(ShieldFixtures.NIGHT)); // 03:00 in Kuala Lumpur
        assertThat(policy.check(clock.instant())).contains("shield.quiet_hours");
        clock.set(Instant.parse("2026-11-21T15:59:59Z")); // 23:59:59 local
        assertThat(policy.check(clock.instant())).isEmpty();
        clock.advance(Duration.ofSeconds(1)); // 00:00 local
        assertThat(policy.check(clock.instant())).isPresent();
        clock.set(Instant.parse("2026-11-21T21:59:59Z")); // 05:59:59 local
        assertThat(policy.check(clock.instant())).isPresent();
        clock.advance(Duration.ofSeconds(1)); // 06:00 local
        assertThat(policy.check(clock.instant())).isEmpty();
    }

    @Test
    void aSurgeOrACollapsingVerificationRateRaisesSuspicionThenBlocks() {
        VelocityPolicy policy = new VelocityPolicy(ShieldFixtures.properties(true, 10, 20, 200, 1000, 50, 0.3, 0.1));
        assertThat(policy.prefix(new StateOutcome.Counts(200, 150)).level()).isEqualTo(VelocityPolicy.Level.NORMAL);
        assertThat(policy.prefix(new StateOutcome.Counts(201, 150))).isEqualTo(
                new VelocityPolicy.Assessment(VelocityPolicy.Level.SUSPICIOUS, "shield.prefix.surge"));
        assertThat(policy.prefix(new StateOutcome.Counts(1001, 900))).isEqualTo(
                new VelocityPolicy.Assessment(VelocityPolicy.Level.BLOCK, "shield.prefix.surge"));
        // too small a sample says nothing about conversion
        assertThat(policy.prefix(new StateOutcome.Counts(49, 0)).level()).isEqualTo(VelocityPolicy.Level.NORMAL);
        assertThat(policy.prefix(new StateOutcome.Counts(50, 14))).isEqualTo(
                new VelocityPolicy.Assessment(VelocityPolicy.Level.SUSPICIOUS, "shield.prefix.conversion"));
        assertThat(policy.prefix(new StateOutcome.Counts(50, 4))).isEqualTo(
                new VelocityPolicy.Assessment(VelocityPolicy.Level.BLOCK, "shield.prefix.conversion"));
        assertThat(policy.global(new StateOutcome.Counts(20_001, 0)).level()).isEqualTo(VelocityPolicy.Level.SUSPICIOUS);
    }
}
