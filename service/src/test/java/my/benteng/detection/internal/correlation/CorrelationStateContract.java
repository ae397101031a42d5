package my.benteng.detection.internal.correlation;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import my.benteng.audit.AuditAppended;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditOutcome;
import my.benteng.detection.internal.AuditEventMapper;
import my.benteng.detection.internal.DetectionEngine;
import my.benteng.detection.internal.RuleFiles;
import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.detection.internal.sigma.Event;
import my.benteng.detection.internal.sigma.Match;
import my.benteng.detection.internal.sigma.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shared correlation store behaves as the in-memory one does, and several nodes counting into it count one attack
 * once. Each test's keys are its own (a correlation id of the test), and times are now's, so the store's sweeps in a
 * shared database leave other tests' rows alone.
 */
abstract class CorrelationStateContract {

    private static final String BOMBING = "8e727ca9-2bd3-43fa-93fe-b43516a55c8f";
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final AtomicLong KEYS = new AtomicLong();

    /** A node's view of the store under test: each call is another node over the same store. */
    abstract CorrelationState node();

    private final long t0 = System.currentTimeMillis();

    private static CorrelationState.Key key(String... values) {
        return new CorrelationState.Key("test-" + System.nanoTime() + "-" + KEYS.incrementAndGet(), List.of(values));
    }

    @Test
    void aCountFiresOnceAtItsThresholdThenStartsAgainFromZero() {
        CorrelationState state = node();
        CorrelationState.Key key = key("+6012*****89");
        for (int i = 1; i <= 4; i++) {
            CorrelationState.Outcome o = state.observe(key, null, t0 + i, WINDOW, 5, new long[]{i});
            assertThat(o.fired()).isFalse();
            assertThat(o.value()).isEqualTo(i);
        }
        CorrelationState.Outcome fired = state.observe(key, null, t0 + 5, WINDOW, 5, new long[]{5});
        assertThat(fired.fired()).isTrue();
        assertThat(fired.value()).isEqualTo(5);
        assertThat(fired.evidence()).containsExactly(1, 2, 3, 4, 5);
        CorrelationState.Outcome after = state.observe(key, null, t0 + 6, WINDOW, 5, new long[]{6});
        assertThat(after.fired()).isFalse();
        assertThat(after.value()).isEqualTo(1);
    }

    @Test
    void eventsThatLeftTheWindowNoLongerCount() {
        CorrelationState state = node();
        CorrelationState.Key key = key("+6013*****11");
        for (int i = 1; i <= 4; i++) {
            state.observe(key, null, t0, WINDOW, 5, new long[]{i});
        }
        CorrelationState.Outcome later = state.observe(key, null, t0 + WINDOW.toMillis() * 2, WINDOW, 5, new long[]{5});
        assertThat(later.fired()).isFalse();
        assertThat(later.value()).isEqualTo(1);
    }

    @Test
    void keysDoNotCountTogether() {
        CorrelationState state = node();
        CorrelationState.Key one = key("a");
        CorrelationState.Key other = new CorrelationState.Key(one.correlation(), List.of("b"));
        for (int i = 1; i <= 4; i++) {
            state.observe(one, null, t0 + i, WINDOW, 5, new long[]{i});
        }
        assertThat(state.observe(other, null, t0 + 5, WINDOW, 5, new long[]{5}).value()).isEqualTo(1);
    }

    @Test
    void distinctValuesAreCountedOnceEach() {
        CorrelationState state = node();
        CorrelationState.Key key = key("198.51.100.7");
        assertThat(state.observe(key, "staff:a", t0, WINDOW, 3, new long[]{1}).value()).isEqualTo(1);
        assertThat(state.observe(key, "staff:a", t0 + 1, WINDOW, 3, new long[]{2}).value()).isEqualTo(1);
        assertThat(state.observe(key, "staff:b", t0 + 2, WINDOW, 3, new long[]{3}).value()).isEqualTo(2);
        assertThat(state.observe(key, "staff:b", t0 + 3, WINDOW, 3, new long[]{4}).fired()).isFalse();
        CorrelationState.Outcome fired = state.observe(key, "staff:c", t0 + 4, WINDOW, 3, new long[]{5});
        assertThat(fired.fired()).isTrue();
        assertThat(fired.value()).isEqualTo(3);
        assertThat(fired.evidence()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void distinctValuesSeenBeforeTheWindowNoLongerCount() {
        CorrelationState state = node();
        CorrelationState.Key key = key("198.51.100.8");
        state.observe(key, "staff:a", t0, WINDOW, 3, new long[]{1});
        state.observe(key, "staff:b", t0, WINDOW, 3, new long[]{2});
        CorrelationState.Outcome later = state.observe(key, "staff:c", t0 + WINDOW.toMillis() * 2, WINDOW, 3, new long[]{3});
        assertThat(later.fired()).isFalse();
        assertThat(later.value()).isEqualTo(1);
    }

    @Test
    void theEvidenceIsTheMostRecentEightOldestFirst() {
        CorrelationState state = node();
        CorrelationState.Key key = key("+6014*****22");
        CorrelationState.Outcome last = null;
        for (int i = 1; i <= 12; i++) {
            last = state.observe(key, null, t0 + i, WINDOW, 12, new long[]{i, 0});
        }
        assertThat(last.fired()).isTrue();
        assertThat(last.evidence()).containsExactly(LongStream.rangeClosed(5, 12).toArray());
    }

    /** Refusals for one masked number, as the shield audits them: the shipped bombing rule counts five in an hour. */
    private Event refusal(long seq, String number) {
        return AuditEventMapper.map(seq, Instant.ofEpochMilli(t0 + seq), AuditEvent.named("excess_rate_limit_exceeded")
                .outcome(AuditOutcome.DENIED).subject(number).clientIp("198.51.100.9").reason("shield.destination.hourly_cap")
                .attack("T1621").detail("detection.subject", "subject-of-" + number).build());
    }

    private AuditAppended refusalEntry(long seq, String number) {
        return new AuditAppended(seq, Instant.ofEpochMilli(t0 + seq), AuditEvent.named("excess_rate_limit_exceeded")
                .outcome(AuditOutcome.DENIED).subject(number).clientIp("198.51.100.9").reason("shield.destination.hourly_cap")
                .attack("T1621").detail("detection.subject", "subject-of-" + number).build());
    }

    private static long bombings(List<Match> matches) {
        return matches.stream().filter(m -> m.ruleId().equals(BOMBING)).count();
    }

    @Test
    void twoEnginesFireOnceOnAThresholdOnlyTheirSumCrosses() {
        String number = "+6019*****" + System.nanoTime();
        List<Match> matches = new CopyOnWriteArrayList<>();
        try (DetectionEngine a = new DetectionEngine(RuleFiles.load(RuleFiles.LOCATION, node()), List.of(matches::add),
                new SimpleMeterRegistry(), 64);
             DetectionEngine b = new DetectionEngine(RuleFiles.load(RuleFiles.LOCATION, node()), List.of(matches::add),
                     new SimpleMeterRegistry(), 64)) {
            // three refusals appended on one node, two on the other: neither alone reaches five
            for (long seq = 1; seq <= 5; seq++) {
                (seq % 2 == 1 ? a : b).appended(List.of(refusalEntry(seq, number)));
                (seq % 2 == 1 ? a : b).flush();
            }
        }
        assertThat(bombings(matches)).isEqualTo(1);
        Match match = matches.stream().filter(m -> m.ruleId().equals(BOMBING)).findFirst().orElseThrow();
        assertThat(match.auditSeqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void observationsInOneBatchCountAsTheyWouldOneByOneAndAnotherNodeSeesThem() {
        CorrelationState state = node();
        CorrelationState.Key key = key("+6015*****33");
        List<CorrelationState.Outcome> outcomes = state.batch(() -> {
            List<CorrelationState.Outcome> out = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                out.add(state.observe(key, null, t0 + i, WINDOW, 4, new long[]{i}));
            }
            return out;
        });
        assertThat(outcomes).extracting(CorrelationState.Outcome::fired).containsExactly(false, false, false, true, false, false);
        assertThat(node().observe(key, null, t0 + 7, WINDOW, 4, new long[]{7}).value()).as("after the batch, on another node")
                .isEqualTo(3);
    }

    @Test
    void twoNodesCountingAtTheSameTimeFireOncePerThresholdOfTheirSum() throws Exception {
        RuleSet a = RuleFiles.load(RuleFiles.LOCATION, node());
        RuleSet b = RuleFiles.load(RuleFiles.LOCATION, node());
        String number = "+6018*****" + System.nanoTime();
        List<Match> matches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                RuleSet rules = node == 0 ? a : b;
                int first = node * 100;
                runs.add(pool.submit(() -> {
                    go.await();
                    // nine each: counted apart they would fire once each (two), counted together three times (18 / 5)
                    for (int i = 1; i <= 9; i++) {
                        matches.addAll(rules.evaluate(refusal(first + i, number)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bombings(matches)).isEqualTo(3);
    }
}
