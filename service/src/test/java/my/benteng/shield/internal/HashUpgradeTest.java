package my.benteng.shield.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which limits still count the old form of a destination's key, and for how long: each as long as its own window. */
class HashUpgradeTest {

    private static final Instant UPGRADED = Instant.parse("2026-11-22T02:00:00Z");
    private static final String HASH = "a".repeat(64);
    private static final String LEGACY = "b".repeat(64);

    private final List<Limit> limits = List.of(
            Limit.window("d:" + HASH + ":h", "shield.destination.hourly_cap", 3, Duration.ofHours(1)),
            Limit.window("d:" + HASH + ":d", "shield.destination.daily_cap", 5, Duration.ofDays(1)),
            Limit.cooldown("cd:" + HASH + ":LOGIN", "shield.destination.resend_cooldown", List.of(Duration.ofMinutes(1)), Duration.ofHours(24)),
            Limit.bucket("ip:203.0.113.7", "shield.client.ip", 20, Duration.ofMinutes(2)));

    @Test
    void eachWindowKeyedByTheDestinationCountsItsOldKeyUntilItCanHoldNoEntryFromBeforeTheUpgrade() {
        HashUpgrade upgrade = HashUpgrade.at(UPGRADED);
        assertThat(legacyKeys(upgrade, UPGRADED.plus(Duration.ofHours(1)).plus(HashUpgrade.MARGIN).minusMillis(1)))
                .containsExactly("d:" + LEGACY + ":h", "d:" + LEGACY + ":d", "cd:" + LEGACY + ":LOGIN", null);
        assertThat(legacyKeys(upgrade, UPGRADED.plus(Duration.ofHours(1)).plus(HashUpgrade.MARGIN)))
                .as("the hourly window is past").containsExactly(null, "d:" + LEGACY + ":d", "cd:" + LEGACY + ":LOGIN", null);
        assertThat(legacyKeys(upgrade, UPGRADED.plus(Duration.ofDays(1)).plus(HashUpgrade.MARGIN)))
                .as("the transition is over").containsOnlyNulls();
    }

    @Test
    void aFreshInstallNeverCountsAnOldKey() {
        HashUpgrade none = HashUpgrade.none();
        assertThat(none.legacyStored()).isFalse();
        assertThat(none.countingLegacy(limits, HASH, LEGACY, UPGRADED)).isSameAs(limits);
    }

    private List<String> legacyKeys(HashUpgrade upgrade, Instant now) {
        return upgrade.countingLegacy(limits, HASH, LEGACY, now).stream().map(Limit::legacyKey).toList();
    }
}
