package my.benteng.checkin.internal;

import my.benteng.platform.RandomIds;
import my.benteng.platform.RefusedException;
import my.benteng.platform.DatabaseDialect;
import my.benteng.premises.CheckinSite;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Group commit of new check-ins: requests wait in a bounded queue, and a writer thread takes up to
 * {@code batch-size} of them at a time and writes them in ONE transaction (the repeat-window read for the whole batch,
 * then multi-row INSERTs). Each request's future completes only after that transaction committed, so an answered
 * check-in is a durable one. There is no linger: while one batch commits the next one gathers, so the batch grows
 * with the load by itself and a lone request waits for nobody.
 * <p><b>The repeat rule under concurrency.</b> The writers are the only code that inserts check-ins, and they decide
 * repeats themselves: a scan whose (citizen, premises) pair has an open check-in younger than the repeat window — in
 * the table or earlier in the same batch — is answered with that check-in. Two batches in flight at once (several
 * writers on PostgreSQL, or several nodes) cannot both miss each other: each batch first takes its pairs' advisory
 * locks ({@link JdbcCheckins#lockVisits}), so batches sharing a pair run one after the other and the second one's read
 * (a fresh READ COMMITTED snapshot, taken after the lock) sees the first one's row. On SQLite there is one writer
 * thread, and every write transaction holds the database's write lock from BEGIN anyway.
 * <p>Writers: one on SQLite, four on PostgreSQL by default ({@code writers}): a batch spends most of its time waiting
 * for its commit's WAL flush, and PostgreSQL flushes concurrent commits together.
 * <p><b>Refusals.</b> A full queue is refused at once with <b>429</b> + Retry-After, not 503: DESIGN.md's surge
 * control is load shedding with 429 and no 5xx, so 5xx stays the signal of a fault (alerting), and phones already back
 * off on 429 + Retry-After. A batch whose transaction fails (database down, SQLite busy past its timeout), a writer
 * that is not running and a request not answered within {@code answer-timeout} get <b>503</b> + Retry-After: those are
 * faults of the service, and the client may retry (a retry inside the repeat window cannot make a second visit).
 * <p><b>Shutdown.</b> {@link #stop()} refuses new requests, lets the writer drain what is queued (committing it) and
 * fails whatever is left after that with 503; it runs after the web server has stopped and before the data source
 * closes (lifecycle phase).
 */
@Component
class CheckinWriter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckinWriter.class);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(20);

    /** One scan waiting for its batch. */
    record Pending(String citizenId, CheckinSite site, List<String> dependants, Instant at,
                   CompletableFuture<CheckinService.Checkin> answer) {
    }

    private final JdbcCheckins checkins;
    private final TransactionTemplate transaction;
    private final CheckinProperties properties;
    private final CheckinProperties.Ingest ingest;
    private final SecureRandom random;
    private final BlockingQueue<Pending> queue;
    private final DistributionSummary batchSizes;
    private final Timer batchTimes;
    private final Counter refusedBusy;
    private final Counter failed;
    private final int threads;
    private final DatabaseDialect dialect;
    private volatile boolean accepting;
    private volatile List<Thread> writers = List.of();

    CheckinWriter(JdbcCheckins checkins, PlatformTransactionManager transactions, CheckinProperties properties,
                  SecureRandom random, MeterRegistry meters, DatabaseDialect dialect) {
        this.checkins = checkins;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.ingest = properties.ingest();
        this.random = random;
        this.queue = new ArrayBlockingQueue<>(ingest.queueCapacity());
        this.dialect = dialect;
        this.threads = ingest.writers() > 0 ? ingest.writers() : dialect.isPostgres() ? 4 : 1;
        this.batchSizes = DistributionSummary.builder("benteng.checkin.batch.size").description("check-ins per group-commit transaction")
                .register(meters);
        this.batchTimes = Timer.builder("benteng.checkin.batch.duration").description("one group-commit transaction, lock to commit")
                .register(meters);
        this.refusedBusy = Counter.builder("benteng.checkin.refused").tag("reason", "queue-full").register(meters);
        this.failed = Counter.builder("benteng.checkin.refused").tag("reason", "batch-failed").register(meters);
        Gauge.builder("benteng.checkin.queue", queue, BlockingQueue::size).description("check-ins waiting for the writer").register(meters);
    }

    /**
     * Queues a scan; the future completes with the new or the repeated check-in once its batch committed, or
     * exceptionally with a {@link RefusedException} ({@link CheckinRefusal.Unavailable}) when the batch failed or the
     * writer stopped first.
     *
     * @throws RefusedException {@link CheckinRefusal.Busy} when the queue is full, {@link CheckinRefusal.Unavailable}
     *                          when the writer is not accepting
     */
    CompletableFuture<CheckinService.Checkin> submit(String citizenId, CheckinSite site, List<String> dependants, Instant at) {
        if (!accepting) {
            throw unavailable();
        }
        Pending p = new Pending(citizenId, site, List.copyOf(dependants), at, new CompletableFuture<>());
        if (!queue.offer(p)) {
            refusedBusy.increment();
            throw busy();
        }
        // stop() may have drained for the last time between the check above and the offer: take it back and refuse
        if (!accepting && queue.remove(p)) {
            throw unavailable();
        }
        return p.answer();
    }

    /** Waiting scans (metrics, tests). */
    int queued() {
        return queue.size();
    }

    @Override
    public synchronized void start() {
        if (!writers.isEmpty()) {
            return;
        }
        accepting = true;
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            started.add(Thread.ofPlatform().name("checkin-writer-" + i).daemon().start(this::run));
        }
        writers = List.copyOf(started);
    }

    /** Refuses new scans, lets the writers commit what is queued (waiting up to 20 s for them), fails the rest with 503. */
    @Override
    public synchronized void stop() {
        accepting = false;
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        for (Thread t : writers) {
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            t.interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(unavailable()));
        if (!left.isEmpty()) {
            log.warn("check-in writer stopped with {} scans not written; they were answered 503", left.size());
        }
        writers = List.of();
    }

    @Override
    public boolean isRunning() {
        return !writers.isEmpty();
    }

    /** After the web server (phase {@code DEFAULT_PHASE - 2048}) stops taking requests; before the data source closes. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(ingest.batchSize());
        while (true) {
            Pending first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (!accepting) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, ingest.batchSize() - 1);
            write(batch);
            batch.clear();
        }
    }

    /** One transaction for the batch; every waiter is answered, whatever happens. */
    void write(List<Pending> batch) {
        Map<Pending, CheckinService.Checkin> answers;
        long start = System.nanoTime();
        try {
            answers = transaction.execute(status -> decideAndInsert(batch));
            batchTimes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            batchSizes.record(batch.size());
        } catch (RuntimeException | Error e) {
            failed.increment(batch.size());
            log.warn("a batch of {} check-ins failed; each was answered 503", batch.size(), e);
            batch.forEach(p -> p.answer().completeExceptionally(unavailable()));
            return;
        }
        for (Pending p : batch) {
            CheckinService.Checkin c = answers == null ? null : answers.get(p);
            if (c == null) {
                p.answer().completeExceptionally(unavailable());
            } else {
                p.answer().complete(c);
            }
        }
    }

    private Map<Pending, CheckinService.Checkin> decideAndInsert(List<Pending> batch) {
        return dialect.isPostgres() ? decideAndInsertInOneRoundTrip(batch) : decideAndInsertStepByStep(batch);
    }

    /**
     * PostgreSQL: the first scan of each pair in the batch goes to the database, which locks the pairs, reads their
     * open check-ins and inserts the scans that repeat nothing, in one round trip
     * ({@link JdbcCheckins#lockAndInsertUnlessOpen}). The later scans of a pair in the same batch are then decided
     * here exactly as {@link #decideAndInsertStepByStep} decides them, against the pair's newest open check-in; a
     * later scan that falls outside its window (practically never: it needs an open check-in almost a window old and
     * a second scan straddling the boundary in the same batch) is inserted by one more statement, under the same locks.
     */
    private Map<Pending, CheckinService.Checkin> decideAndInsertInOneRoundTrip(List<Pending> batch) {
        Duration window = properties.repeatWindow();
        Map<JdbcCheckins.Pair, JdbcCheckins.Row> firsts = new LinkedHashMap<>();
        Map<Pending, JdbcCheckins.Row> firstOf = new IdentityHashMap<>();
        Instant oldest = batch.getFirst().at();
        for (Pending p : batch) {
            JdbcCheckins.Pair pair = new JdbcCheckins.Pair(p.citizenId(), p.site().premisesId());
            if (!firsts.containsKey(pair)) {
                JdbcCheckins.Row row = new JdbcCheckins.Row(uuid(), p.citizenId(), p.site().premisesId(), p.at(), null, p.dependants());
                firsts.put(pair, row);
                firstOf.put(p, row);
            }
            oldest = p.at().isBefore(oldest) ? p.at() : oldest;
        }
        Map<String, JdbcCheckins.Row> repeats = checkins.lockAndInsertUnlessOpen(List.copyOf(firsts.values()), window, oldest.minus(window));
        Map<JdbcCheckins.Pair, JdbcCheckins.Row> newest = new HashMap<>();
        Map<Pending, CheckinService.Checkin> answers = new IdentityHashMap<>();
        List<JdbcCheckins.Row> later = new ArrayList<>();
        for (Pending p : batch) {
            JdbcCheckins.Pair pair = new JdbcCheckins.Pair(p.citizenId(), p.site().premisesId());
            JdbcCheckins.Row first = firstOf.get(p);
            if (first != null) {
                JdbcCheckins.Row repeated = repeats.get(first.id());
                newest.put(pair, repeated != null ? repeated : first);
                answers.put(p, CheckinService.view(repeated != null ? repeated : first, p.site().name(), repeated == null));
                continue;
            }
            JdbcCheckins.Row open = newest.get(pair);
            if (open.checkedInAt().isAfter(p.at().minus(window))) {
                answers.put(p, CheckinService.view(open, p.site().name(), false));
                continue;
            }
            JdbcCheckins.Row row = new JdbcCheckins.Row(uuid(), p.citizenId(), p.site().premisesId(), p.at(), null, p.dependants());
            later.add(row);
            newest.put(pair, row);
            answers.put(p, CheckinService.view(row, p.site().name(), true));
        }
        checkins.insertAll(later);
        return answers;
    }

    /** The general path (SQLite, and PostgreSQL's rare batches above): lock, read the open check-ins, insert. */
    private Map<Pending, CheckinService.Checkin> decideAndInsertStepByStep(List<Pending> batch) {
        Set<JdbcCheckins.Pair> pairs = new LinkedHashSet<>();
        Instant oldest = batch.getFirst().at();
        for (Pending p : batch) {
            pairs.add(new JdbcCheckins.Pair(p.citizenId(), p.site().premisesId()));
            oldest = p.at().isBefore(oldest) ? p.at() : oldest;
        }
        checkins.lockVisits(pairs);
        Duration window = properties.repeatWindow();
        // the newest open check-in of each pair that any scan of the batch could repeat: the table, then this batch
        Map<JdbcCheckins.Pair, JdbcCheckins.Row> newest = new HashMap<>();
        for (JdbcCheckins.Row row : checkins.openOfCitizens(pairs.stream().map(JdbcCheckins.Pair::citizenId).toList(), oldest.minus(window))) {
            newest.merge(new JdbcCheckins.Pair(row.citizenId(), row.premisesId()), row,
                    (a, b) -> a.checkedInAt().isAfter(b.checkedInAt()) ? a : b);
        }
        Map<Pending, CheckinService.Checkin> answers = new IdentityHashMap<>();
        List<JdbcCheckins.Row> inserts = new ArrayList<>();
        for (Pending p : batch) {
            JdbcCheckins.Pair pair = new JdbcCheckins.Pair(p.citizenId(), p.site().premisesId());
            JdbcCheckins.Row open = newest.get(pair);
            if (open != null && open.checkedInAt().isAfter(p.at().minus(window))) {
                answers.put(p, CheckinService.view(open, p.site().name(), false));
                continue;
            }
            JdbcCheckins.Row row = new JdbcCheckins.Row(uuid(), p.citizenId(), p.site().premisesId(), p.at(), null, p.dependants());
            inserts.add(row);
            newest.put(pair, row);
            answers.put(p, CheckinService.view(row, p.site().name(), true));
        }
        checkins.insertAll(inserts);
        return answers;
    }

    private String uuid() {
        return RandomIds.uuid(random);
    }

    private RefusedException busy() {
        return new RefusedException(new CheckinRefusal.Busy(ingest.retryAfter()));
    }

    private RefusedException unavailable() {
        return new RefusedException(new CheckinRefusal.Unavailable(ingest.retryAfter()));
    }

    /** For {@link CheckinService}: a request whose batch did not commit within the answer timeout. */
    RefusedException notAnsweredInTime() {
        return unavailable();
    }
}
