package my.benteng.shield.internal;

import my.benteng.testing.MovableClock;
import my.benteng.shield.internal.StateOutcome.Status;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What every shield state must do, atomically and identically; one subclass per implementation. */
abstract class ShieldStateContract {

    static final Consumption.VelocityWindow VELOCITY = Consumption.VelocityWindow.of(Duration.ofHours(1));

    final MovableClock clock = new MovableClock("2026-11-22T03:00:00Z");
    final String run = UUID.randomUUID().toString();

    abstract ShieldState state();

    String key(String name) {
        return run + ":" + name;
    }

    Consumption consume(Limit... limits) {
        return new Consumption(clock.millis(), List.of(limits), null, null, 0, List.of(), VELOCITY);
    }

    @Test
    void aWindowAdmitsUpToItsLimitThenTellsHowLongUntilTheOldestLeaves() {
        Limit hourly = Limit.window(key("dest"), "shield.destination.hourly_cap", 3, Duration.ofHours(1));
        assertThat(state().consume(consume(hourly)).status()).isEqualTo(Status.ALLOWED);
        clock.advance(Duration.ofMinutes(10));
        assertThat(state().consume(consume(hourly)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(hourly)).status()).isEqualTo(Status.ALLOWED);
        StateOutcome refused = state().consume(consume(hourly));
        assertThat(refused.status()).isEqualTo(Status.REFUSED);
        assertThat(refused.reason()).isEqualTo("shield.destination.hourly_cap");
        assertThat(refused.retryAfterMillis()).isEqualTo(Duration.ofMinutes(50).toMillis());
        clock.advance(Duration.ofMinutes(50));
        assertThat(state().consume(consume(hourly)).status()).isEqualTo(Status.ALLOWED);
    }

    @Test
    void aBucketAllowsItsBurstThenRefillsOneTokenPerPeriod() {
        Limit ip = Limit.bucket(key("ip"), "shield.client.ip", 2, Duration.ofMinutes(1));
        assertThat(state().consume(consume(ip)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(ip)).status()).isEqualTo(Status.ALLOWED);
        StateOutcome refused = state().consume(consume(ip));
        assertThat(refused.status()).isEqualTo(Status.REFUSED);
        assertThat(refused.retryAfterMillis()).isEqualTo(60_000);
        clock.advance(Duration.ofSeconds(30));
        assertThat(state().consume(consume(ip)).retryAfterMillis()).isEqualTo(30_000);
        clock.advance(Duration.ofSeconds(30));
        assertThat(state().consume(consume(ip)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(ip)).status()).isEqualTo(Status.REFUSED);
        clock.advance(Duration.ofHours(1)); // a long pause refills to capacity, never beyond
        assertThat(state().consume(consume(ip)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(ip)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(ip)).status()).isEqualTo(Status.REFUSED);
    }

    @Test
    void aRefusedLimitConsumesNothingElse() {
        Limit roomy = Limit.window(key("roomy"), "shield.roomy", 10, Duration.ofHours(1));
        Limit bucket = Limit.bucket(key("bucket"), "shield.bucket", 10, Duration.ofHours(1));
        Limit tight = Limit.window(key("tight"), "shield.tight", 1, Duration.ofHours(1));
        assertThat(state().consume(consume(tight)).status()).isEqualTo(Status.ALLOWED);
        for (int i = 0; i < 5; i++) {
            StateOutcome refused = state().consume(consume(roomy, bucket, tight));
            assertThat(refused.status()).isEqualTo(Status.REFUSED);
            assertThat(refused.reason()).isEqualTo("shield.tight");
        }
        // the refusals above took nothing from the roomy limits: all ten are still there
        for (int i = 0; i < 10; i++) {
            assertThat(state().consume(consume(roomy, bucket)).status()).isEqualTo(Status.ALLOWED);
        }
        assertThat(state().consume(consume(roomy)).status()).isEqualTo(Status.REFUSED);
        assertThat(state().consume(consume(bucket)).status()).isEqualTo(Status.REFUSED);
    }

    @Test
    void whenSeveralLimitsRefuseTheLongestWaitIsReported() {
        Limit minute = Limit.window(key("m"), "shield.short", 1, Duration.ofMinutes(1));
        Limit day = Limit.window(key("d"), "shield.long", 1, Duration.ofDays(1));
        state().consume(consume(minute, day));
        StateOutcome refused = state().consume(consume(minute, day));
        assertThat(refused.reason()).isEqualTo("shield.long");
        assertThat(refused.retryAfterMillis()).isEqualTo(Duration.ofDays(1).toMillis());
    }

    @Test
    void aBlockRefusesUntilItEndsAndALongerBlockWins() {
        String block = key("block");
        Limit limit = Limit.window(key("l"), "shield.l", 100, Duration.ofHours(1));
        Consumption c = new Consumption(clock.millis(), List.of(limit), block, null, 0, List.of(), VELOCITY);
        assertThat(state().consume(c).status()).isEqualTo(Status.ALLOWED);
        state().block(block, clock.millis(), clock.millis() + Duration.ofHours(12).toMillis());
        state().block(block, clock.millis(), clock.millis() + Duration.ofHours(1).toMillis());
        clock.advance(Duration.ofHours(2));
        StateOutcome blocked = state().consume(new Consumption(clock.millis(), List.of(limit), block, null, 0, List.of(), VELOCITY));
        assertThat(blocked.status()).isEqualTo(Status.BLOCKED);
        assertThat(blocked.retryAfterMillis()).isEqualTo(Duration.ofHours(10).toMillis());
        clock.advance(Duration.ofHours(10));
        assertThat(state().consume(new Consumption(clock.millis(), List.of(limit), block, null, 0, List.of(), VELOCITY)).status())
                .isEqualTo(Status.ALLOWED);
    }

    @Test
    void aProofOfWorkIsSpentByEveryAssessmentThatReachesTheStateEvenARefusedOne() {
        String refusedWith = key("pow-refused");
        String blockedWith = key("pow-blocked");
        Limit tight = Limit.window(key("tight"), "shield.tight", 1, Duration.ofHours(1));
        Limit other = Limit.window(key("other"), "shield.other", 1, Duration.ofHours(1));
        String block = key("block");
        state().consume(consume(tight));
        state().block(block, clock.millis(), clock.millis() + 60_000);
        assertThat(state().consume(new Consumption(clock.millis(), List.of(tight), null, refusedWith, 60_000, List.of(), VELOCITY)).status())
                .isEqualTo(Status.REFUSED);
        assertThat(state().consume(new Consumption(clock.millis(), List.of(other), block, blockedWith, 60_000, List.of(), VELOCITY)).status())
                .isEqualTo(Status.BLOCKED);
        // a bot cannot keep one solution through its refusals: each try costs new work
        assertThat(state().consume(new Consumption(clock.millis(), List.of(other), null, refusedWith, 60_000, List.of(), VELOCITY)).status())
                .isEqualTo(Status.REPLAYED);
        assertThat(state().consume(new Consumption(clock.millis(), List.of(other), null, blockedWith, 60_000, List.of(), VELOCITY)).status())
                .isEqualTo(Status.REPLAYED);
        // and the replays consumed nothing
        assertThat(state().consume(new Consumption(clock.millis(), List.of(other), null, key("fresh"), 60_000, List.of(), VELOCITY)).status())
                .isEqualTo(Status.ALLOWED);
    }

    @Test
    void velocityCountersSlideAndCountVerifications() {
        List<String> keys = List.of(key("p:6012345"), key("g:sms"));
        Consumption sent = new Consumption(clock.millis(), List.of(), null, null, 0, keys, VELOCITY);
        assertThat(state().consume(sent).velocity()).containsExactly(new StateOutcome.Counts(1, 0), new StateOutcome.Counts(1, 0));
        state().recordVerified(keys.subList(0, 1), clock.millis(), VELOCITY);
        clock.advance(Duration.ofMinutes(30));
        assertThat(state().consume(new Consumption(clock.millis(), List.of(), null, null, 0, keys, VELOCITY)).velocity())
                .containsExactly(new StateOutcome.Counts(2, 1), new StateOutcome.Counts(2, 0));
        clock.advance(Duration.ofMinutes(45)); // the first bucket has left the one-hour window
        assertThat(state().consume(new Consumption(clock.millis(), List.of(), null, null, 0, keys, VELOCITY)).velocity())
                .containsExactly(new StateOutcome.Counts(2, 0), new StateOutcome.Counts(2, 0));
    }

    @RepeatedTest(2)
    void parallelAssessmentsNeverExceedACap() throws Exception {
        Limit cap = Limit.window(key("cap"), "shield.destination.hourly_cap", 3, Duration.ofHours(1));
        Limit bucket = Limit.bucket(key("ip"), "shield.client.ip", 1000, Duration.ofSeconds(1));
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    if (state().consume(consume(cap, bucket)).status() == Status.ALLOWED) {
                        allowed.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(allowed.get()).isEqualTo(3);
        // and only the three admitted assessments took a token from the bucket
        for (int i = 0; i < 997; i++) {
            assertThat(state().consume(consume(bucket)).status()).isEqualTo(Status.ALLOWED);
        }
        assertThat(state().consume(consume(bucket)).status()).isEqualTo(Status.REFUSED);
    }

    @Test
    void aCooldownGrowsWithEachRememberedEventAndForgetsAfterItsMemory() {
        Limit cooldown = Limit.cooldown(key("cd"), "shield.destination.resend_cooldown",
                List.of(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300)), Duration.ofHours(24));
        assertThat(state().consume(consume(cooldown)).status()).isEqualTo(Status.ALLOWED);
        clock.advance(Duration.ofSeconds(59));
        StateOutcome tooSoon = state().consume(consume(cooldown));
        assertThat(tooSoon.status()).isEqualTo(Status.REFUSED);
        assertThat(tooSoon.reason()).isEqualTo("shield.destination.resend_cooldown");
        assertThat(tooSoon.retryAfterMillis()).isEqualTo(1_000);
        clock.advance(Duration.ofSeconds(1)); // exactly at the step: allowed
        assertThat(state().consume(consume(cooldown)).status()).isEqualTo(Status.ALLOWED);
        clock.advance(Duration.ofSeconds(119));
        assertThat(state().consume(consume(cooldown)).retryAfterMillis()).as("second step").isEqualTo(1_000);
        clock.advance(Duration.ofSeconds(1));
        assertThat(state().consume(consume(cooldown)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(cooldown)).retryAfterMillis()).as("third step").isEqualTo(300_000);
        clock.advance(Duration.ofSeconds(300));
        assertThat(state().consume(consume(cooldown)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(cooldown)).retryAfterMillis()).as("the last step repeats").isEqualTo(300_000);
        clock.advance(Duration.ofHours(24)); // every earlier event forgotten: no wait at all
        assertThat(state().consume(consume(cooldown)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(cooldown)).retryAfterMillis()).as("back to the first step").isEqualTo(60_000);
    }

    @Test
    void aRefusedAssessmentDoesNotStartACooldown() {
        Limit cooldown = Limit.cooldown(key("cd2"), "shield.destination.resend_cooldown", List.of(Duration.ofSeconds(60)), Duration.ofHours(1));
        Limit full = Limit.window(key("full"), "shield.full", 1, Duration.ofHours(1));
        assertThat(state().consume(consume(full)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(cooldown, full)).reason()).isEqualTo("shield.full");
        assertThat(state().consume(consume(cooldown)).status()).as("nothing was sent, so no cooldown runs").isEqualTo(Status.ALLOWED);
    }

    @RepeatedTest(2)
    void parallelAssessmentsPassACooldownOnce() throws Exception {
        Limit cooldown = Limit.cooldown(key("cdp"), "shield.destination.resend_cooldown", List.of(Duration.ofSeconds(60)), Duration.ofHours(1));
        AtomicInteger allowed = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    if (state().consume(consume(cooldown)).status() == Status.ALLOWED) {
                        allowed.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(allowed.get()).isEqualTo(1);
    }

    @Test
    void aSolutionMarkedSpentIsAReplayUntilItsLifetimeEnds() {
        String spentKey = key("pow:marked");
        state().markSpent(java.util.Map.of(spentKey, 60_000L), clock.millis());
        Consumption withSolution = new Consumption(clock.millis(), List.of(), null, spentKey, 60_000, List.of(), VELOCITY);
        assertThat(state().consume(withSolution).status()).isEqualTo(Status.REPLAYED);
    }

    @Test
    void aWindowCountsTheEntriesOfItsLegacyKeyButWritesOnlyItsOwn() {
        Limit old = Limit.window(key("d:old:h"), "shield.destination.hourly_cap", 3, Duration.ofHours(1));
        Limit current = Limit.window(key("d:new:h"), "shield.destination.hourly_cap", 3, Duration.ofHours(1))
                .alsoCounting(key("d:old:h"));
        assertThat(state().consume(consume(old)).status()).isEqualTo(Status.ALLOWED);
        clock.advance(Duration.ofMinutes(10));
        assertThat(state().consume(consume(old)).status()).isEqualTo(Status.ALLOWED);
        clock.advance(Duration.ofMinutes(10));
        assertThat(state().consume(consume(current)).status()).as("the third of the hour").isEqualTo(Status.ALLOWED);
        StateOutcome fourth = state().consume(consume(current));
        assertThat(fourth.status()).isEqualTo(Status.REFUSED);
        assertThat(fourth.retryAfterMillis()).as("until the oldest entry, under the legacy key, leaves").isEqualTo(Duration.ofMinutes(40).toMillis());
        clock.advance(Duration.ofMinutes(40));
        assertThat(state().consume(consume(current)).status()).isEqualTo(Status.ALLOWED);
        Limit legacyOnly = Limit.window(key("d:old:h"), "shield.probe", 2, Duration.ofHours(1));
        assertThat(state().consume(consume(legacyOnly)).status()).as("the legacy key still holds one entry, none of the current key's")
                .isEqualTo(Status.ALLOWED);
    }

    @Test
    void aCooldownCountsTheEntriesOfItsLegacyKey() {
        List<Duration> steps = List.of(Duration.ofSeconds(60), Duration.ofSeconds(120));
        Limit old = Limit.cooldown(key("cd:old:LOGIN"), "shield.destination.resend_cooldown", steps, Duration.ofHours(24));
        Limit current = Limit.cooldown(key("cd:new:LOGIN"), "shield.destination.resend_cooldown", steps, Duration.ofHours(24))
                .alsoCounting(key("cd:old:LOGIN"));
        assertThat(state().consume(consume(old)).status()).isEqualTo(Status.ALLOWED);
        clock.advance(Duration.ofSeconds(30));
        assertThat(state().consume(consume(current)).retryAfterMillis()).as("the legacy entry's first step").isEqualTo(30_000);
        clock.advance(Duration.ofSeconds(30));
        assertThat(state().consume(consume(current)).status()).isEqualTo(Status.ALLOWED);
        assertThat(state().consume(consume(current)).retryAfterMillis()).as("two remembered, one in each form: the second step")
                .isEqualTo(120_000);
    }

    @Test
    void pumpingRecordsAreWrittenReplacedAndRemoved() {
        state().putPumpingRecord(key("level:p7:6012345"), "ELEVATED:1", clock.millis());
        state().putPumpingRecord(key("level:p7:6012345"), "SEVERE:2", clock.millis());
        state().putPumpingRecord(key("other"), "x", clock.millis());
        assertThat(state().pumpingRecords()).containsEntry(key("level:p7:6012345"), "SEVERE:2").containsEntry(key("other"), "x");
        state().putPumpingRecord(key("other"), null, clock.millis());
        assertThat(state().pumpingRecords()).doesNotContainKey(key("other"));
    }

    @Test
    void aSignalRestoredFromTheStoreHasTheLevelsAndTheBaselineItHadBeforeARestart() {
        my.benteng.shield.ShieldProperties properties = my.benteng.shield.ShieldProperties.defaults();
        // the global records are shared by every test on this store: this one tests through a scope of its own
        String scope = "p7:" + key("x");
        PumpingStore store = new StatePumpingStore(state());
        PumpingSignal before = StatePumpingStore.restore(store, properties);
        PumpingMonitor monitor = new PumpingMonitor(before, new ShieldTelemetry(e -> 1, new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), clock),
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), Duration.ofHours(1).toMillis(), store);
        monitor.observe(List.of(scope), List.of(new StateOutcome.Counts(20, 0)), clock.millis());
        assertThat(before.level(List.of(scope))).isEqualTo(PumpingLevel.SEVERE);
        // (the monitor wrote its baseline just now; a store writes it at most once a minute, so a fresh one writes this)
        new StatePumpingStore(state()).saveBaselineOccasionally(PumpingBaseline.of(new double[] {0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18, 0.19, 0.2,
                0.21, 0.22, 0.23, 0.24, 0.25, 0.26, 0.27, 0.28, 0.29, 0.3, 0.31, 0.32, 0.33, 0.34}, new long[24], properties.pumping()),
                clock.millis());

        PumpingSignal after = StatePumpingStore.restore(new StatePumpingStore(state()), properties);
        assertThat(after.level(List.of(scope))).isEqualTo(PumpingLevel.SEVERE);
        assertThat(after.baseline().expected(3)).isEqualTo(0.14);
        // and a level that relaxed to NORMAL is gone from the store
        store.saveLevel(scope, PumpingLevel.NORMAL, clock.millis());
        assertThat(StatePumpingStore.restore(new StatePumpingStore(state()), properties).level(List.of(scope))).isEqualTo(PumpingLevel.NORMAL);
    }

    @Test
    void prefixBlocksAreRecordedForTheOperatorsViewUntilTheyExpire() {
        // the records are shared by every test on this store: this one looks only at prefixes of its own
        String shortLived = String.format("9%06d", Math.floorMod(run.hashCode(), 1_000_000));
        String longLived = String.format("8%06d", Math.floorMod(run.hashCode(), 1_000_000));
        long now = clock.millis();
        new StatePumpingStore(state()).saveBlock(shortLived, now + 1_000, now);
        new StatePumpingStore(state()).saveBlock(longLived, now + 3_600_000, now);
        assertThat(new StatePumpingStore(state()).blocks(now)).containsEntry(shortLived, now + 1_000).containsEntry(longLived, now + 3_600_000);
        // an expired block is no longer shown, and the next block written drops its record
        assertThat(new StatePumpingStore(state()).blocks(now + 2_000)).doesNotContainKey(shortLived).containsKey(longLived);
        new StatePumpingStore(state()).saveBlock(longLived, now + 3_600_000, now + 2_000);
        assertThat(state().pumpingRecords()).doesNotContainKey("block:" + shortLived).containsKey("block:" + longLived);
    }
}
