package my.benteng.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The {@link Clock} of the shared test contexts: system time until a test sets it, so that expiry,
 * backoff and leases can be tested without sleeping. Tests that move it must {@link #reset()} it afterwards
 * (every context in the JVM sees the same instance).
 */
public final class MutableClock extends Clock {

    public static final MutableClock INSTANCE = new MutableClock();

    private volatile Instant fixed;

    private MutableClock() {
    }

    /** Stops time at {@code instant}. */
    public void set(Instant instant) {
        fixed = instant;
    }

    /** Stops time at now + {@code amount} (now being the current setting or system time). */
    public void advance(Duration amount) {
        fixed = instant().plus(amount);
    }

    /** Back to system time. */
    public void reset() {
        fixed = null;
    }

    @Override
    public Instant instant() {
        Instant f = fixed;
        return f != null ? f : Instant.now();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC");
    }
}
