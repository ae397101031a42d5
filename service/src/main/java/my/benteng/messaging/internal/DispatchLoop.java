package my.benteng.messaging.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs the dispatcher on this node: after every commit that enqueued something (a nudge) and otherwise
 * every poll interval. The poll covers messages enqueued on other nodes, retries and expired leases.
 */
final class DispatchLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DispatchLoop.class);

    private final OutboxDispatcher dispatcher;
    private final Duration pollInterval;
    private final int batchSize;
    private final boolean enabled;
    private final BlockingQueue<Boolean> nudges = new ArrayBlockingQueue<>(1);
    private volatile Thread thread;

    DispatchLoop(OutboxDispatcher dispatcher, MessagingProperties.Dispatcher settings) {
        this.dispatcher = dispatcher;
        this.pollInterval = settings.pollInterval();
        this.batchSize = settings.batchSize();
        this.enabled = settings.enabled();
    }

    /** Wakes the loop now; a nudge that finds one already waiting is dropped. */
    void nudge() {
        nudges.offer(Boolean.TRUE);
    }

    @Override
    public void start() {
        if (!enabled) {
            return;
        }
        // assign before start: the loop runs only while it is the current thread, and a started thread could
        // otherwise look before the assignment, see null and end at once
        Thread t = Thread.ofPlatform().name("messaging-dispatcher").daemon().unstarted(this::run);
        thread = t;
        t.start();
    }

    private void run() {
        while (thread == Thread.currentThread()) {
            try {
                while (dispatcher.dispatchDue() >= batchSize && thread == Thread.currentThread()) {
                    // a full batch: more may be due, go again at once
                }
            } catch (RuntimeException e) {
                log.error("outbox dispatch round failed", e);
            }
            try {
                nudges.poll(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void stop() {
        Thread t = thread;
        thread = null;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
