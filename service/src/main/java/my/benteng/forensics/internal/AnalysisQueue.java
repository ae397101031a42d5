package my.benteng.forensics.internal;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where analyses run: a fixed pool of {@code benteng.forensics.workers} threads and a queue of at most
 * {@code max-pending} ids. Bounded both ways: analysts cannot make the node decode more images at once than it has
 * workers, and an id the queue cannot take stays QUEUED in the database, where the sweep finds it. Tests switch the
 * pool off ({@code analyse-in-background=false}) and call {@link InvestigationAnalyser#analyseDue()}.
 */
@Component
class AnalysisQueue {

    private static final Logger log = LoggerFactory.getLogger(AnalysisQueue.class);

    private final ObjectProvider<InvestigationAnalyser> analyser;
    private final ThreadPoolExecutor executor;

    AnalysisQueue(ObjectProvider<InvestigationAnalyser> analyser, ForensicsProperties properties) {
        this.analyser = analyser;
        if (properties.analyseInBackground()) {
            this.executor = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
                    new ArrayBlockingQueue<>(Math.max(1, properties.maxPending())), Thread.ofPlatform().name("forensics-", 0).daemon().factory());
        } else {
            this.executor = null;
        }
    }

    /** Hands an investigation to a worker if one can take it; otherwise the sweep will. */
    void submit(String investigationId) {
        if (executor == null) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    analyser.getObject().analyse(investigationId);
                } catch (RuntimeException e) {
                    // left QUEUED or RUNNING: the sweep takes it up again after stalled-after
                    log.warn("analysis of an investigation failed: {}", e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException full) {
            log.info("analysis queue full; the sweep will pick the investigation up");
        }
    }

    boolean inBackground() {
        return executor != null;
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
