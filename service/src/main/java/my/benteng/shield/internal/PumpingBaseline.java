package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;

import java.util.Arrays;

/**
 * The unverified share of first codes that the platform's own healthy traffic shows, per local hour of day (people
 * abandon sign-ups more at some hours than at others). Each hour is a moving average that learns at most once per
 * {@code learn-every}, by at most {@code baseline-max-step}, and never above {@code baseline-ceiling}: an attacker who
 * warms up slowly moves it by little a day and can never lift it to the absolute alarm lines. It is taught only
 * while the level is NORMAL (the caller's duty), so an attack never becomes the norm.
 */
final class PumpingBaseline {

    static final int HOURS = 24;

    private final double[] expected;
    private final long[] learnedAt;

    private PumpingBaseline(double[] expected, long[] learnedAt) {
        this.expected = expected;
        this.learnedAt = learnedAt;
    }

    /** Every hour at the prior, nothing learned yet. */
    static PumpingBaseline prior(double prior) {
        double[] expected = new double[HOURS];
        Arrays.fill(expected, prior);
        long[] learnedAt = new long[HOURS];
        Arrays.fill(learnedAt, Long.MIN_VALUE);
        return new PumpingBaseline(expected, learnedAt);
    }

    /** A baseline as stored; values outside 0..ceiling are clamped (a stored value is not trusted blindly). */
    static PumpingBaseline of(double[] expected, long[] learnedAt, ShieldProperties.Pumping settings) {
        if (expected.length != HOURS || learnedAt.length != HOURS) {
            return prior(settings.priorBaseline());
        }
        double[] e = new double[HOURS];
        for (int h = 0; h < HOURS; h++) {
            e[h] = Double.isFinite(expected[h]) ? clamp(expected[h], settings.baselineCeiling()) : settings.priorBaseline();
        }
        return new PumpingBaseline(e, learnedAt.clone());
    }

    synchronized double expected(int hour) {
        return expected[hour];
    }

    /**
     * Learns one healthy observation for {@code hour}; false when that hour learned less than {@code learn-every} ago.
     */
    synchronized boolean learn(int hour, double observed, long now, ShieldProperties.Pumping settings) {
        if (learnedAt[hour] != Long.MIN_VALUE && now - learnedAt[hour] < settings.learnEvery().toMillis()) {
            return false;
        }
        double step = settings.baselineAlpha() * (observed - expected[hour]);
        step = Math.max(-settings.baselineMaxStep(), Math.min(settings.baselineMaxStep(), step));
        expected[hour] = clamp(expected[hour] + step, settings.baselineCeiling());
        learnedAt[hour] = now;
        return true;
    }

    synchronized double[] expected() {
        return expected.clone();
    }

    synchronized long[] learnedAt() {
        return learnedAt.clone();
    }

    private static double clamp(double value, double ceiling) {
        return Math.max(0, Math.min(ceiling, value));
    }
}
