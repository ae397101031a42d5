package my.benteng.shield.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescedCountsTest {

    @Test
    void takesEveryCountOnceInReasonOrder() {
        CoalescedCounts counts = new CoalescedCounts();
        counts.add("shield.destination.hour");
        counts.add("shield.client.ip");
        counts.add("shield.client.ip");
        assertThat(counts.takeAll()).containsExactly(Map.entry("shield.client.ip", 2L), Map.entry("shield.destination.hour", 1L));
        assertThat(counts.isEmpty()).isTrue();
        assertThat(counts.takeAll()).isEmpty();
    }

    @Test
    void noAddIsLostWhileAnotherThreadKeepsTakingTheCounts() throws Exception {
        // the writer takes counts out while request threads add: a counter removed between a thread's lookup and its
        // increment lost that increment (seen as 479 of 480 in a flood test); a tight taking loop makes the race likely
        CoalescedCounts counts = new CoalescedCounts();
        int adders = 2;
        int each = 500_000;
        AtomicLong taken = new AtomicLong();
        AtomicBoolean adding = new AtomicBoolean(true);
        try (ExecutorService pool = Executors.newFixedThreadPool(adders + 1)) {
            CountDownLatch start = new CountDownLatch(1);
            Future<?> taker = pool.submit(() -> {
                start.await();
                while (adding.get()) {
                    counts.takeAll().values().forEach(taken::addAndGet);
                }
                return null;
            });
            List<Future<?>> added = new ArrayList<>();
            for (int t = 0; t < adders; t++) {
                added.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < each; i++) {
                        counts.add(i % 2 == 0 ? "shield.client.ip" : "shield.client.subnet");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : added) {
                f.get();
            }
            adding.set(false);
            taker.get();
        }
        counts.takeAll().values().forEach(taken::addAndGet);
        assertThat(taken.get()).isEqualTo((long) adders * each);
    }
}
