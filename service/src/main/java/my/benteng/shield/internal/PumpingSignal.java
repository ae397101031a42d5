package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pumping signal: from the sent/verified counts of first codes (codes to numbers that never verified) over the
 * velocity window, per scope ({@link NumberRanges}: the whole channel, country, operator range, 5-, 6-, 7-digit
 * prefix), the unverified ratio, compared with the learned {@link PumpingBaseline} for the local hour, gives each
 * scope a {@link PumpingLevel}. Rising is immediate; relaxing needs the ratio below the level's entry line minus the
 * hysteresis for {@code relax-after}, and then steps down one level at a time. Only the global scope teaches the
 * baseline (per-range baselines would be few codes each, and the attacker chooses the ranges), and only while
 * everything it sees is NORMAL. No Spring, no clock of its own: time comes with each call.
 *
 * <p>A verified code's code lives 5 minutes, so every verification lands within the grace of its send; a first code
 * sent in the last minutes of the window and not verified yet counts as unverified, a small steady bias the learned
 * baseline absorbs.
 */
final class PumpingSignal {

    /** Sent and verified first codes of one scope in the window. */
    record Observation(String scope, long sent, long verified) {

        double unverifiedRatio() {
            return sent <= 0 ? 0 : (double) (sent - Math.min(sent, Math.max(0, verified))) / sent;
        }
    }

    /** One level change, for audit and metrics. */
    record Transition(String scope, PumpingLevel from, PumpingLevel to, double ratio, double baseline, long sent, long at) {
    }

    /** What one scope looks like now. */
    record ScopeView(String scope, PumpingLevel level, double ratio, double baseline, long sent, long since) {
    }

    /** Scopes tracked at most; NORMAL ones are forgotten first. */
    static final int MAX_SCOPES = 100_000;

    private static final class ScopeState {
        PumpingLevel level = PumpingLevel.NORMAL;
        long since;
        long calmSince = -1;
        double ratio;
        long sent;
        long seen;
    }

    private final ShieldProperties.Pumping settings;
    private final ZoneId zone;
    private final PumpingBaseline baseline;
    private final PumpingLevel floor;
    private final Map<String, ScopeState> scopes = new ConcurrentHashMap<>();
    /** Read without a lock on every assessment; written under the lock. */
    private volatile Map<String, PumpingLevel> raised = Map.of();

    PumpingSignal(ShieldProperties.Pumping settings, ZoneId zone, PumpingBaseline baseline) {
        this.settings = settings;
        this.zone = zone;
        this.baseline = baseline;
        this.floor = PumpingLevel.valueOf(settings.minimumLevel());
    }

    PumpingSignal(ShieldProperties.Pumping settings, ZoneId zone) {
        this(settings, zone, PumpingBaseline.prior(settings.priorBaseline()));
    }

    int hour(long now) {
        return Instant.ofEpochMilli(now).atZone(zone).getHour();
    }

    /** The level for a number with these scopes: the highest of them, at least the operator's minimum. */
    PumpingLevel level(List<String> scopesOfNumber) {
        Map<String, PumpingLevel> current = raised;
        PumpingLevel level = floor;
        if (current.isEmpty()) {
            return level;
        }
        for (String scope : scopesOfNumber) {
            level = level.max(current.getOrDefault(scope, PumpingLevel.NORMAL));
        }
        return level;
    }

    /** The global scope's level (not counting the operator's minimum). */
    PumpingLevel globalLevel() {
        return raised.getOrDefault(NumberRanges.GLOBAL, PumpingLevel.NORMAL);
    }

    /**
     * Judges the counts one allowed first code brought back; the global scope (if present) is learned from when it
     * and every observed scope is NORMAL. Returns the level changes it caused.
     */
    synchronized List<Transition> observe(List<Observation> observations, long now) {
        int hour = hour(now);
        double expected = baseline.expected(hour);
        List<Transition> transitions = new ArrayList<>();
        boolean allNormal = true;
        Observation global = null;
        for (Observation o : observations) {
            boolean isGlobal = o.scope().equals(NumberRanges.GLOBAL);
            if (isGlobal) {
                global = o;
            }
            ScopeState state = scopes.get(o.scope());
            if (state == null) {
                if (scopes.size() >= MAX_SCOPES) {
                    forgetQuietScopes(now);
                }
                state = new ScopeState();
                state.since = now;
                scopes.put(o.scope(), state);
            }
            judge(o, state, minSample(o.scope()), expected, now).ifPresent(transitions::add);
            allNormal &= state.level == PumpingLevel.NORMAL;
        }
        if (global != null && allNormal && global.sent() >= settings.minSample()) {
            baseline.learn(hour, global.unverifiedRatio(), now, settings);
        }
        if (!transitions.isEmpty()) {
            publishRaised();
        }
        return transitions;
    }

    /**
     * Judges every raised scope that has seen no first code for {@code idleMillis} as if its window were empty, so a
     * range the attacker left relaxes on its own (nothing else would look at it again).
     */
    synchronized List<Transition> relaxIdle(long now, long idleMillis) {
        List<Transition> transitions = new ArrayList<>();
        double expected = baseline.expected(hour(now));
        for (Map.Entry<String, ScopeState> e : scopes.entrySet()) {
            ScopeState state = e.getValue();
            if (state.level != PumpingLevel.NORMAL && now - state.seen >= idleMillis) {
                long seen = state.seen;
                judge(new Observation(e.getKey(), 0, 0), state, 1, expected, now).ifPresent(transitions::add);
                state.seen = seen;
            }
        }
        if (!transitions.isEmpty()) {
            publishRaised();
        }
        return transitions;
    }

    private Optional<Transition> judge(Observation o, ScopeState state, int minSample, double expected, long now) {
        double ratio = o.unverifiedRatio();
        boolean sampled = o.sent() >= minSample;
        state.ratio = ratio;
        state.sent = o.sent();
        state.seen = now;
        PumpingLevel target = !sampled ? PumpingLevel.NORMAL
                : ratio >= line(PumpingLevel.SEVERE, expected) ? PumpingLevel.SEVERE
                : ratio >= line(PumpingLevel.ELEVATED, expected) ? PumpingLevel.ELEVATED : PumpingLevel.NORMAL;
        PumpingLevel from = state.level;
        if (target.compareTo(from) > 0) {
            state.level = target;
            state.since = now;
            state.calmSince = -1;
            return Optional.of(new Transition(o.scope(), from, target, ratio, expected, o.sent(), now));
        }
        if (from == PumpingLevel.NORMAL) {
            return Optional.empty();
        }
        // hysteresis: a ratio hovering at the line must not flap the level (and the audit log) back and forth
        boolean calm = !sampled || ratio < line(from, expected) - settings.hysteresis();
        if (!calm) {
            state.calmSince = -1;
            return Optional.empty();
        }
        if (state.calmSince < 0) {
            state.calmSince = now;
        }
        if (now - state.calmSince < settings.relaxAfter().toMillis()) {
            return Optional.empty();
        }
        PumpingLevel to = PumpingLevel.values()[from.ordinal() - 1].max(target);
        state.level = to;
        state.since = now;
        state.calmSince = to == PumpingLevel.NORMAL ? -1 : now;
        return Optional.of(new Transition(o.scope(), from, to, ratio, expected, o.sent(), now));
    }

    /** The whole channel and a country are judged on the global sample size, narrower ranges on their own. */
    private int minSample(String scope) {
        return scope.equals(NumberRanges.GLOBAL) || scope.startsWith("cc:") ? settings.minSample() : settings.rangeMinSample();
    }

    /** The ratio from which {@code level} begins, for a baseline of {@code expected}. */
    double line(PumpingLevel level, double expected) {
        return switch (level) {
            case NORMAL -> 0;
            case ELEVATED -> Math.min(expected + settings.elevatedMargin(), settings.elevatedAbsolute());
            case SEVERE -> Math.min(expected + settings.severeMargin(), settings.severeAbsolute());
        };
    }

    private void forgetQuietScopes(long now) {
        long window = settings.relaxAfter().toMillis();
        scopes.entrySet().removeIf(e -> e.getValue().level == PumpingLevel.NORMAL && now - e.getValue().seen > window);
        if (scopes.size() >= MAX_SCOPES) {
            scopes.entrySet().removeIf(e -> e.getValue().level == PumpingLevel.NORMAL);
        }
    }

    private void publishRaised() {
        Map<String, PumpingLevel> m = new java.util.HashMap<>();
        scopes.forEach((k, v) -> {
            if (v.level != PumpingLevel.NORMAL) {
                m.put(k, v.level);
            }
        });
        raised = Map.copyOf(m);
    }

    /** Sets a scope's level as stored (restart); no transition is reported. */
    synchronized void restore(String scope, PumpingLevel level, long since) {
        ScopeState state = scopes.computeIfAbsent(scope, k -> new ScopeState());
        state.level = level;
        state.since = since;
        state.seen = since;
        publishRaised();
    }

    /** Every tracked scope that is not NORMAL, plus the global one, highest level first. */
    synchronized List<ScopeView> view(long now) {
        double expected = baseline.expected(hour(now));
        List<ScopeView> views = new ArrayList<>();
        scopes.forEach((k, v) -> {
            if (v.level != PumpingLevel.NORMAL || k.equals(NumberRanges.GLOBAL)) {
                views.add(new ScopeView(k, v.level, v.ratio, expected, v.sent, v.since));
            }
        });
        if (views.stream().noneMatch(v -> v.scope().equals(NumberRanges.GLOBAL))) {
            views.add(new ScopeView(NumberRanges.GLOBAL, PumpingLevel.NORMAL, 0, expected, 0, now));
        }
        views.sort(Comparator.comparing(ScopeView::level).reversed().thenComparing(ScopeView::scope));
        return views;
    }

    /** The global scope as last observed. */
    ScopeView globalView() {
        ScopeState state = scopes.get(NumberRanges.GLOBAL);
        long now = state == null ? 0 : state.seen;
        double expected = baseline.expected(hour(now));
        return state == null ? new ScopeView(NumberRanges.GLOBAL, PumpingLevel.NORMAL, 0, expected, 0, 0)
                : new ScopeView(NumberRanges.GLOBAL, state.level, state.ratio, expected, state.sent, state.since);
    }

    /** How many scopes other than the global one are at {@code level}. */
    long raisedRanges(PumpingLevel level) {
        return raised.entrySet().stream().filter(e -> e.getValue() == level && !e.getKey().equals(NumberRanges.GLOBAL)).count();
    }

    PumpingBaseline baseline() {
        return baseline;
    }

    ShieldProperties.Pumping settings() {
        return settings;
    }
}
