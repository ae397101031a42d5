package my.benteng.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application clock of the shared test contexts (the primary {@link Clock} bean): system time plus an
 * offset a test may move forward, or a frozen instant a test sets. The meta-annotations reset it after every
 * test, so the shared contexts stay shared and tests stay independent. One instance per JVM: every context
 * sees the same clock.
 */
public final class TestClock extends Clock {

    public static final TestClock INSTANCE = new TestClock();

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private volatile Instant frozen;

    private TestClock() {
    }

    /** Moves time forward (a frozen clock stays frozen, at the later instant). */
    public void advance(Duration by) {
        Instant f = frozen;
        if (f != null) {
            frozen = f.plus(by);
        } else {
            offset.accumulateAndGet(by, Duration::plus);
        }
    }

    /** Stops time at {@code instant}. */
    public void set(Instant instant) {
        frozen = instant;
    }

    /** Back to system time. */
    public void reset() {
        frozen = null;
        offset.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        Instant f = frozen;
        return f != null ? f : Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the application clock is UTC");
    }

    /** Resets the clock after each test. */
    public static class Reset implements AfterEachCallback {
        @Override
        public void afterEach(ExtensionContext context) {
            INSTANCE.reset();
        }
    }
}
