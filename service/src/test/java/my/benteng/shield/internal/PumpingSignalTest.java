package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;
import my.benteng.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static my.benteng.shield.internal.ShieldFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

/** The pumping signal alone: scopes, levels, hysteresis and a baseline an attacker cannot teach. */
class PumpingSignalTest {

    private final ShieldProperties.Pumping settings = ShieldProperties.Pumping.defaults();
    private final MovableClock clock = new MovableClock("2026-03-02T00:00:00Z");
    private final PumpingSignal signal = new PumpingSignal(settings, ZoneOffset.UTC);

    private List<PumpingSignal.Transition> global(long sent, double unverified) {
        return signal.observe(List.of(observation(NumberRanges.GLOBAL, sent, unverified)), clock.millis());
    }

    private static PumpingSignal.Observation observation(String scope, long sent, double unverified) {
        return new PumpingSignal.Observation(scope, sent, Math.round(sent * (1 - unverified)));
    }

    @Test
    void aMalaysianMobileBelongsToItsCountryOperatorRangeAndThreePrefixes() {
        assertThat(NumberRanges.scopes(phone("+60123456789")))
                .containsExactly("global", "cc:60", "range:60-12", "p5:60123", "p6:601234", "p7:6012345");
        assertThat(NumberRanges.scopes(ShieldFixtures.email("siti@example.my"))).containsExactly("global");
    }

    @Test
    void healthyTrafficStaysNormalAndTeachesEachHourItsOwnBaseline() {
        for (int i = 0; i < 48; i++) {
            global(200, 0.10); // 00:00-04:00: people verify almost every code
            clock.advance(Duration.ofMinutes(5));
        }
        clock.set(java.time.Instant.parse("2026-03-02T12:00:00Z"));
        for (int i = 0; i < 12; i++) {
            assertThat(global(200, 0.45)).isEmpty(); // midday: more abandon, still under the line
            clock.advance(Duration.ofMinutes(5));
        }
        assertThat(signal.globalLevel()).isEqualTo(PumpingLevel.NORMAL);
        assertThat(signal.baseline().expected(1)).isLessThan(0.3);
        assertThat(signal.baseline().expected(12)).isGreaterThan(0.3);
        assertThat(signal.baseline().expected(20)).isEqualTo(0.3); // nothing seen at 20:00: still the prior
    }

    @Test
    void aBurstOfUnverifiedFirstCodesRaisesTheLevelAtOnceAndItRelaxesOneStepAtATimeWithHysteresis() {
        assertThat(global(100, 0.55)).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(PumpingLevel.NORMAL);
            assertThat(t.to()).isEqualTo(PumpingLevel.ELEVATED);
            assertThat(t.baseline()).isEqualTo(0.3);
        });
        assertThat(global(300, 0.9)).singleElement().extracting(PumpingSignal.Transition::to).isEqualTo(PumpingLevel.SEVERE);
        // back under the SEVERE line (0.7) but not by the hysteresis: no flapping, however long
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(global(300, 0.68)).isEmpty();
        }
        // well under it: steps down to ELEVATED only after relax-after (10 min), then to NORMAL after another 10
        List<PumpingSignal.Transition> seen = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            clock.advance(Duration.ofMinutes(1));
            seen.addAll(global(300, 0.2));
        }
        assertThat(seen).extracting(PumpingSignal.Transition::to).containsExactly(PumpingLevel.ELEVATED, PumpingLevel.NORMAL);
        assertThat(seen.get(1).at() - seen.get(0).at()).isEqualTo(Duration.ofMinutes(10).toMillis());
        assertThat(signal.globalLevel()).isEqualTo(PumpingLevel.NORMAL);
    }

    @Test
    void aSmallSampleSaysNothing() {
        assertThat(global(settings.minSample() - 1, 1.0)).isEmpty();
        assertThat(signal.globalLevel()).isEqualTo(PumpingLevel.NORMAL);
    }

    @Test
    void nothingIsLearnedWhileTheLevelIsRaised() {
        global(100, 0.6);
        double before = signal.baseline().expected(0);
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(5));
            global(100, 0.6);
        }
        assertThat(signal.baseline().expected(0)).isEqualTo(before);
    }

    @Test
    void aSlowRampCannotTeachTheBaselineToHideAnAttack() {
        // a patient attacker adds unverified first codes so slowly that no single hour looks different from the last:
        // from a healthy 20 % to 95 % over 60 days, observed every 5 minutes around the clock
        PumpingLevel levelAtTheEnd = PumpingLevel.NORMAL;
        double firstElevatedAt = -1;
        for (int day = 0; day < 60; day++) {
            for (int tick = 0; tick < 288; tick++) {
                double ratio = 0.20 + 0.75 * (day * 288 + tick) / (60.0 * 288);
                global(500, ratio);
                if (firstElevatedAt < 0 && signal.globalLevel() != PumpingLevel.NORMAL) {
                    firstElevatedAt = ratio;
                }
                clock.advance(Duration.ofMinutes(5));
            }
            levelAtTheEnd = signal.globalLevel();
        }
        for (int hour = 0; hour < 24; hour++) {
            assertThat(signal.baseline().expected(hour)).isLessThanOrEqualTo(settings.baselineCeiling());
        }
        // the baseline followed as far as its ceiling (0.5) and no further: the ramp is caught at the absolute line
        assertThat(firstElevatedAt).isBetween(0.5, settings.elevatedAbsolute() + 0.01);
        assertThat(levelAtTheEnd).isEqualTo(PumpingLevel.SEVERE);
    }

    @Test
    void aPumpedRangeIsRaisedAloneAndTheNumbersInItSeeIt() {
        List<PumpingSignal.Transition> t = signal.observe(List.of(observation(NumberRanges.GLOBAL, 1000, 0.3),
                observation("range:60-16", 40, 1.0), observation("p5:60167", 40, 1.0)), clock.millis());
        assertThat(t).extracting(PumpingSignal.Transition::scope).containsExactly("range:60-16", "p5:60167");
        assertThat(signal.level(NumberRanges.scopes(phone("+60167770001")))).isEqualTo(PumpingLevel.SEVERE);
        assertThat(signal.level(NumberRanges.scopes(phone("+60123456789")))).isEqualTo(PumpingLevel.NORMAL);
        assertThat(signal.globalLevel()).isEqualTo(PumpingLevel.NORMAL);
    }

    @Test
    void aRangeTheAttackerLeftRelaxesOnItsOwn() {
        signal.observe(List.of(observation("p7:6016777", 20, 1.0)), clock.millis());
        clock.advance(Duration.ofHours(1));
        assertThat(signal.relaxIdle(clock.millis(), Duration.ofHours(1).toMillis())).isEmpty(); // calm from now on
        clock.advance(Duration.ofMinutes(10));
        assertThat(signal.relaxIdle(clock.millis(), Duration.ofHours(1).toMillis()))
                .extracting(PumpingSignal.Transition::to).containsExactly(PumpingLevel.ELEVATED);
    }

    @Test
    void theOperatorsMinimumLevelHoldsWhateverTheSignal() {
        ShieldProperties.Pumping d = settings;
        PumpingSignal floored = new PumpingSignal(new ShieldProperties.Pumping("elevated", d.minSample(), d.rangeMinSample(),
                d.priorBaseline(), d.baselineCeiling(), d.baselineAlpha(), d.baselineMaxStep(), d.learnEvery(), d.elevatedMargin(),
                d.severeMargin(), d.elevatedAbsolute(), d.severeAbsolute(), d.hysteresis(), d.relaxAfter(), d.normalHold(), d.prefixHoldAbove(),
                d.severeHold(), d.severeDifficulty(), d.velocityDivisor()), ZoneOffset.UTC);
        assertThat(floored.level(NumberRanges.scopes(phone("+60123456789")))).isEqualTo(PumpingLevel.ELEVATED);
    }
}
