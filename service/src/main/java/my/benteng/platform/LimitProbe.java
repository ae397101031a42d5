package my.benteng.platform;

import java.time.Duration;

/**
 * The answer of a limit: whether the event was admitted, how many more fit in the window, and how long
 * until the next one would fit (zero when admitted).
 */
public record LimitProbe(boolean admitted, int remaining, Duration retryAfter) {

    public static LimitProbe admitted(int remaining) {
        return new LimitProbe(true, remaining, Duration.ZERO);
    }

    public static LimitProbe refused(Duration retryAfter) {
        return new LimitProbe(false, 0, retryAfter.isNegative() ? Duration.ZERO : retryAfter);
    }
}
