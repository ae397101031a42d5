package my.benteng.platform.internal;

import my.benteng.testing.MovableClock;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every limit store must do; one subclass per implementation. */
abstract class LimitStoreContract {

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-22T03:00:00Z"));

    abstract LimitStore store();

    String key() {
        return "test:" + UUID.randomUUID();
    }

    @Test
    void admitsUpToTheLimitThenRefusesWithTheWaitUntilTheOldestExpires() {
        String key = key();
        assertThat(store().tryAcquire(key, 3, Duration.ofHours(1))).isEqualTo(LimitProbe.admitted(2));
        clock.advance(Duration.ofMinutes(10));
        assertThat(store().tryAcquire(key, 3, Duration.ofHours(1)).remaining()).isEqualTo(1);
        assertThat(store().tryAcquire(key, 3, Duration.ofHours(1)).remaining()).isZero();
        LimitProbe refused = store().tryAcquire(key, 3, Duration.ofHours(1));
        assertThat(refused.admitted()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(50));
    }

    @Test
    void theWindowSlides() {
        String key = key();
        for (int i = 0; i < 3; i++) {
            assertThat(store().tryAcquire(key, 3, Duration.ofHours(1)).admitted()).isTrue();
            clock.advance(Duration.ofMinutes(20));
        }
        // 60 min after the first event it has left the window; the other two are still in it
        assertThat(store().tryAcquire(key, 3, Duration.ofHours(1)).admitted()).isTrue();
        assertThat(store().tryAcquire(key, 3, Duration.ofHours(1)).admitted()).isFalse();
    }

    @Test
    void keysAreIndependent() {
        String a = key();
        String b = key();
        assertThat(store().tryAcquire(a, 1, Duration.ofMinutes(10)).admitted()).isTrue();
        assertThat(store().tryAcquire(a, 1, Duration.ofMinutes(10)).admitted()).isFalse();
        assertThat(store().tryAcquire(b, 1, Duration.ofMinutes(10)).admitted()).isTrue();
    }

    @RepeatedTest(3)
    void parallelCallersCannotSlipPastTheLimit() throws Exception {
        String key = key();
        AtomicInteger admitted = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> {
                    if (store().tryAcquire(key, 5, Duration.ofHours(1)).admitted()) {
                        admitted.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(admitted.get()).isEqualTo(5);
    }
}
