package my.benteng.shield.internal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link PumpingSignal} at work in the shield: it names the velocity keys of a first code's scopes (counted in
 * the same atomic state step as every other counter, so shared by all nodes and kept across restarts), feeds the
 * counts they bring back into the signal, audits every level change (ATT&CK T1496.003) and exports the global level,
 * ratio and baseline and the number of raised ranges as gauges.
 */
class PumpingMonitor {

    /** Idle raised scopes are re-judged at most this often. */
    private static final long RELAX_CHECK_MILLIS = 10_000;

    private final PumpingSignal signal;
    private final ShieldTelemetry telemetry;
    private final long windowMillis;
    private final AtomicLong lastRelaxCheck = new AtomicLong(Long.MIN_VALUE / 2);
    private final PumpingStore store;

    PumpingMonitor(PumpingSignal signal, ShieldTelemetry telemetry, MeterRegistry meters, long windowMillis, PumpingStore store) {
        this.signal = signal;
        this.telemetry = telemetry;
        this.windowMillis = windowMillis;
        this.store = store;
        Gauge.builder("benteng.shield.pumping.level", signal, s -> s.globalLevel().ordinal())
                .description("Pumping level of the SMS channel's first codes: 0 normal, 1 elevated, 2 severe")
                .tag("scope", NumberRanges.GLOBAL).register(meters);
        Gauge.builder("benteng.shield.pumping.ratio", signal, s -> s.globalView().ratio())
                .description("Share of first codes in the window that nobody verified").tag("scope", NumberRanges.GLOBAL).register(meters);
        Gauge.builder("benteng.shield.pumping.baseline", signal, s -> s.globalView().baseline())
                .description("Learned healthy share of unverified first codes for this hour").tag("scope", NumberRanges.GLOBAL)
                .register(meters);
        for (PumpingLevel level : List.of(PumpingLevel.ELEVATED, PumpingLevel.SEVERE)) {
            Gauge.builder("benteng.shield.pumping.ranges", signal, s -> s.raisedRanges(level))
                    .description("Number ranges (country, operator range, prefix) at this pumping level")
                    .tag("level", level.name().toLowerCase(java.util.Locale.ROOT)).register(meters);
        }
    }

    PumpingSignal signal() {
        return signal;
    }

    /** Velocity keys of the scopes' first-code counters, in the order of {@code scopes}. */
    static List<String> keys(List<String> scopes) {
        List<String> keys = new ArrayList<>(scopes.size());
        for (String scope : scopes) {
            keys.add("v:f:" + scope);
        }
        return keys;
    }

    PumpingLevel level(List<String> scopes) {
        return signal.level(scopes);
    }

    /** Judges the counts the state step brought back for these scopes. */
    void observe(List<String> scopes, List<StateOutcome.Counts> counts, long now) {
        if (counts.size() != scopes.size()) {
            return;
        }
        List<PumpingSignal.Observation> observations = new ArrayList<>(scopes.size());
        for (int i = 0; i < scopes.size(); i++) {
            observations.add(new PumpingSignal.Observation(scopes.get(i), counts.get(i).sent(), counts.get(i).verified()));
        }
        report(signal.observe(observations, now));
        store.saveBaselineOccasionally(signal.baseline(), now);
    }

    /** Records a prefix block for the operator's view (the block itself is in the shield state). */
    void blocked(String prefix, long until, long now) {
        store.saveBlock(prefix, until, now);
    }

    /** Prefixes blocked now, prefix → until. */
    java.util.Map<String, Long> blocks(long now) {
        return store.blocks(now);
    }

    /** Lets ranges the attacker left relax; cheap, and at most every few seconds whoever calls. */
    void tick(long now) {
        long last = lastRelaxCheck.get();
        if (now - last < RELAX_CHECK_MILLIS || !lastRelaxCheck.compareAndSet(last, now)) {
            return;
        }
        report(signal.relaxIdle(now, windowMillis));
    }

    private void report(List<PumpingSignal.Transition> transitions) {
        for (PumpingSignal.Transition t : transitions) {
            telemetry.pumpingLevelChanged(t);
            store.saveLevel(t.scope(), t.to(), t.at());
        }
    }
}
