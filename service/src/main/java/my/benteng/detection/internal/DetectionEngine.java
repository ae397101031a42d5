package my.benteng.detection.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import my.benteng.audit.AuditAppended;
import my.benteng.audit.AuditListener;
import my.benteng.audit.AuditVerification;
import my.benteng.detection.internal.sigma.Event;
import my.benteng.detection.internal.sigma.Match;
import my.benteng.detection.internal.sigma.MatchSink;
import my.benteng.detection.internal.sigma.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Evaluates every rule over every audit entry as it is appended, in-process (no polling): the audit module calls
 * {@link #appended} after each commit, and the entry goes through a bounded queue to a thread of this engine that
 * evaluates the rules. Off the appending thread because correlation thresholds are counted in a shared store (Redis, or
 * the database on the embedded default) so that an attack spread over nodes is counted once: a store that is slow or
 * down must never hold or fail an audit writer. When the queue is full the entry is not evaluated and is counted
 * ({@code benteng_detection_events_dropped_total}). The matches, which are rare, go through a second bounded queue to
 * the {@link MatchSink}s on a thread of their own, so a slow sink (the alert book writes to the database) never holds
 * the evaluation either.
 */
public class DetectionEngine implements AuditListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DetectionEngine.class);

    /** The prefix of the audit events the detection module writes itself. */
    static final String OWN_EVENTS = "detection_";

    private final RuleSet rules;
    private final List<MatchSink> sinks;
    private final MeterRegistry meters;
    private final Timer evaluation;
    private final Counter dropped;
    private final Counter eventsDropped;
    private final Map<String, Counter> matchCounters = new ConcurrentHashMap<>();
    private final BlockingQueue<Match> queue;
    private final BlockingQueue<Event> events;
    private final int batchSize;
    private final Thread dispatcher;
    private final Thread evaluator;
    private final Object idle = new Object();
    // events and matches queued or being worked on: counted before the offer and after the work, so flush() cannot see
    // empty queues in the moment between a thread taking an item and finishing with it
    private final AtomicLong pending = new AtomicLong();
    private volatile boolean closing;

    /** With an event queue as large as the match queue, batches of 32 (tests). */
    public DetectionEngine(RuleSet rules, List<MatchSink> sinks, MeterRegistry meters, int queueCapacity) {
        this(rules, sinks, meters, queueCapacity, queueCapacity, 32);
    }

    /**
     * @param queueCapacity matches waiting for the sinks
     * @param eventCapacity audit entries waiting to be evaluated
     * @param batchSize     queued entries evaluated in one unit of the correlation store (one database transaction)
     */
    public DetectionEngine(RuleSet rules, List<MatchSink> sinks, MeterRegistry meters, int queueCapacity, int eventCapacity,
                           int batchSize) {
        this.batchSize = batchSize;
        this.rules = rules;
        this.sinks = List.copyOf(sinks);
        this.meters = meters;
        this.evaluation = Timer.builder("benteng.detection.evaluation")
                .description("Time to evaluate all detection rules over one audit entry").register(meters);
        this.dropped = Counter.builder("benteng.detection.matches.dropped")
                .description("Matches dropped because the sinks fell behind").register(meters);
        this.eventsDropped = Counter.builder("benteng.detection.events.dropped")
                .description("Audit entries not evaluated because the evaluation fell behind").register(meters);
        FunctionCounter.builder("benteng.detection.correlation.local", rules.state(), s -> s.localObservations())
                .description("Correlation observations counted in this node's memory because the shared store failed")
                .register(meters);
        Gauge.builder("benteng.detection.rules", rules, RuleSet::enabledCount).description("Detection rules that run").register(meters);
        Gauge.builder("benteng.detection.correlation.keys", rules.state(), s -> s.keys())
                .description("Group-by keys held by correlation rules").register(meters);
        FunctionCounter.builder("benteng.detection.correlation.evictions", rules.state(), s -> s.evictions())
                .description("Group-by keys dropped at the cap, least recently used first").register(meters);
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.events = new ArrayBlockingQueue<>(eventCapacity);
        this.evaluator = Thread.ofPlatform().daemon().name("detection-rules").start(this::evaluateQueued);
        this.dispatcher = Thread.ofPlatform().daemon().name("detection-matches").start(this::dispatch);
    }

    @Override
    public void appended(List<AuditAppended> entries) {
        for (AuditAppended entry : entries) {
            if (isOwn(entry)) {
                continue;
            }
            enqueue(AuditEventMapper.map(entry.seq(), entry.recordedAt(), entry.event()));
        }
    }

    /** Never blocks: a full queue drops the entry and counts it. */
    private void enqueue(Event event) {
        pending.incrementAndGet();
        if (!events.offer(event)) {
            done();
            eventsDropped.increment();
        }
    }

    private void evaluateQueued() {
        List<Event> batch = new ArrayList<>(batchSize);
        while (!closing || !events.isEmpty()) {
            Event first;
            try {
                first = events.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            batch.clear();
            batch.add(first);
            events.drainTo(batch, batchSize - 1);
            try {
                // what is queued now, in one unit of the correlation store (one transaction in the database)
                rules.state().batch(() -> {
                    for (Event event : batch) {
                        try {
                            evaluate(event);
                        } catch (RuntimeException e) {
                            log.error("detection rules failed on an audit entry: {}", e.getClass().getName());
                        }
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                log.error("detection rules failed on a batch of audit entries: {}", e.getClass().getName());
            } finally {
                for (int i = 0; i < batch.size(); i++) {
                    done();
                }
            }
        }
    }

    private void done() {
        pending.decrementAndGet();
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /**
     * Detection's own entries (an alert fired, resolved, a delivery failed) are never evaluated, whatever the rules say:
     * a rule that matched them would raise an alert for every alert, each audited in turn (a feedback loop).
     */
    static boolean isOwn(AuditAppended entry) {
        return entry.event().name().startsWith(OWN_EVENTS);
    }

    @Override
    public void verified(AuditVerification verification, Instant at) {
        enqueue(AuditEventMapper.map(verification, at));
    }

    /** Runs every rule over the event, on the calling thread, and queues its matches. */
    public void evaluate(Event event) {
        long start = System.nanoTime();
        List<Match> matches = rules.evaluate(event);
        evaluation.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        for (Match match : matches) {
            matchCounters.computeIfAbsent(match.ruleId() + '|' + match.level(), k -> Counter.builder("benteng.detection.matches")
                    .description("Rule matches handed to the alert sinks").tag("rule", match.ruleId())
                    .tag("level", match.level().sigmaName()).register(meters)).increment();
            pending.incrementAndGet();
            if (!queue.offer(match)) {
                pending.decrementAndGet();
                dropped.increment();
            }
        }
    }

    private void dispatch() {
        while (!closing || !queue.isEmpty() || evaluator.isAlive()) {
            Match match;
            try {
                match = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (match == null) {
                continue;
            }
            try {
                for (MatchSink sink : sinks) {
                    try {
                        sink.accept(match);
                    } catch (RuntimeException e) {
                        log.error("match sink {} failed: {}", sink.getClass().getName(), e.getClass().getName());
                    }
                }
            } finally {
                done();
            }
        }
    }

    /** Waits until every entry queued so far has been evaluated and its matches have reached the sinks (tests, shutdown). */
    public void flush() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        synchronized (idle) {
            while (pending.get() > 0 && System.nanoTime() < deadline) {
                try {
                    idle.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public RuleSet rules() {
        return rules;
    }

    @Override
    public void close() {
        closing = true;
        try {
            evaluator.join(TimeUnit.SECONDS.toMillis(10));
            dispatcher.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
