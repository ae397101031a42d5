package my.benteng.checkin.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import my.benteng.checkin.web.CheckinProblems;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusedException;
import my.benteng.platform.DatabaseDialect;
import my.benteng.premises.CheckinSite;
import my.benteng.premises.PremisesId;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The group-commit writer on each database: the repeat rule inside and across batches and under concurrency, a failed
 * batch, a full queue and shutdown. Writers here are extra instances over the context's repository and transaction
 * manager (the context's own writer keeps serving the other tests); a batch is held back by a real lock that the test
 * takes (the pair's advisory lock on PostgreSQL, the write lock on SQLite), never by a hook in the writer.
 */
abstract class CheckinWriterContract {

    @Autowired
    JdbcCheckins checkins;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    CheckinProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    @Autowired
    DatabaseDialect dialect;

    private final PremisesId premises = new PremisesId(UUID.randomUUID().toString());
    private final CheckinSite site = new CheckinSite(premises, "Kedai Runcit Ah Seng");
    private final List<CheckinWriter> writers = new ArrayList<>();

    @AfterEach
    void stopWriters() {
        writers.forEach(CheckinWriter::stop);
    }

    /** One writer thread, so that a test knows which batch a scan lands in. */
    private CheckinWriter writer(int capacity, int batchSize) {
        return writer(checkins, transactions, dialect, capacity, batchSize, 1);
    }

    private CheckinWriter writer(JdbcCheckins repository, PlatformTransactionManager tm, DatabaseDialect db, int capacity, int batchSize,
                                 int threads) {
        CheckinWriter w = new CheckinWriter(repository, tm,
                properties.withIngest(new CheckinProperties.Ingest(capacity, batchSize, Duration.ofSeconds(10), Duration.ofSeconds(2), threads)),
                new SecureRandom(),
                new SimpleMeterRegistry(), db);
        writers.add(w);
        w.start();
        return w;
    }

    private static String citizen() {
        return UUID.randomUUID().toString();
    }

    private long rowsHere() {
        return jdbc.sql("SELECT COUNT(*) FROM checkin WHERE premises_id = :p").param("p", premises.value()).query(Long.class).single();
    }

    private static CheckinService.Checkin answer(CompletableFuture<CheckinService.Checkin> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    /** A refusal in the words the client gets (the web layer's). */
    private static ProblemWords words(RefusedException refused) {
        assertThat(refused.getStackTrace()).isEmpty();
        return new CheckinProblems().words((CheckinRefusal) refused.refusal());
    }

    private static ProblemWords refusal(CompletableFuture<CheckinService.Checkin> f) {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(RefusedException.class);
            return words((RefusedException) e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("answered with a check-in, expected a refusal");
    }

    /**
     * Holds the writer back: a transaction that takes the pair's advisory lock (PostgreSQL) and SQLite's write lock
     * (any write does), until {@link Hold#close()}.
     */
    private final class Hold implements AutoCloseable {
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Thread thread;

        Hold(String citizenId) throws InterruptedException {
            thread = Thread.ofPlatform().start(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                checkins.lockVisits(Set.of(new JdbcCheckins.Pair(citizenId, premises)));
                jdbc.sql("UPDATE checkin SET checked_out_at = checked_out_at WHERE id = 'none'").update();
                held.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(held.await(10, TimeUnit.SECONDS)).as("lock taken").isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            release.countDown();
            thread.join(10_000);
        }
    }

    private static void awaitQueued(CheckinWriter w, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (w.queued() != n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(w.queued()).isEqualTo(n);
    }

    @Test
    void scansOfOnePairInOneBatchMakeOneCheckinAndLaterScansRepeatItUntilTheWindowEnds() throws Exception {
        CheckinWriter w = writer(100, 100);
        String a = citizen();
        String b = citizen();
        Instant t0 = Instant.ofEpochMilli(clock.millis()); // the table keeps milliseconds
        List<CompletableFuture<CheckinService.Checkin>> scansOfA = new ArrayList<>();
        CompletableFuture<CheckinService.Checkin> first;
        CompletableFuture<CheckinService.Checkin> scanOfB;
        try (Hold hold = new Hold(a)) {
            first = w.submit(a, site, List.of(), t0);
            awaitQueued(w, 0); // the writer took it and waits for the lock: the rest gather into the next batch
            for (int i = 1; i <= 10; i++) {
                scansOfA.add(w.submit(a, site, List.of(), t0.plusMillis(i)));
            }
            scanOfB = w.submit(b, site, List.of("Adam"), t0.plusMillis(11));
            awaitQueued(w, 11);
        }
        CheckinService.Checkin created = answer(first);
        assertThat(created.created()).isTrue();
        for (CompletableFuture<CheckinService.Checkin> scan : scansOfA) {
            CheckinService.Checkin c = answer(scan);
            assertThat(c.id()).isEqualTo(created.id());
            assertThat(c.created()).isFalse();
            assertThat(c.checkedInAt()).isEqualTo(t0);
            assertThat(c.premisesName()).isEqualTo("Kedai Runcit Ah Seng");
        }
        CheckinService.Checkin ofB = answer(scanOfB);
        assertThat(ofB.created()).isTrue();
        assertThat(ofB.dependants()).containsExactly("Adam");
        assertThat(rowsHere()).isEqualTo(2);

        // later batches read the table: inside the window the same visit, at exactly five minutes a new one
        CheckinService.Checkin repeat = answer(w.submit(a, site, List.of(), t0.plus(Duration.ofMinutes(4)).plusSeconds(59)));
        assertThat(repeat.id()).isEqualTo(created.id());
        assertThat(repeat.created()).isFalse();
        CheckinService.Checkin next = answer(w.submit(a, site, List.of(), t0.plus(Duration.ofMinutes(5))));
        assertThat(next.created()).isTrue();
        assertThat(next.id()).isNotEqualTo(created.id());
        assertThat(rowsHere()).isEqualTo(3);
    }

    @Test
    void aLaterScanInTheSameBatchThatIsAWindowAfterTheOpenCheckinMakesANewVisitAndRepeatsFollowIt() throws Exception {
        CheckinWriter w = writer(100, 100);
        String a = citizen();
        Instant t0 = Instant.ofEpochMilli(clock.millis());
        CheckinService.Checkin open = answer(w.submit(a, site, List.of("Siti"), t0));
        assertThat(open.created()).isTrue();
        CompletableFuture<CheckinService.Checkin> stillRepeat;
        CompletableFuture<CheckinService.Checkin> newVisit;
        CompletableFuture<CheckinService.Checkin> repeatOfNew;
        try (Hold hold = new Hold(a)) {
            CompletableFuture<CheckinService.Checkin> blocker = w.submit(a, site, List.of(), t0.plusMillis(1));
            awaitQueued(w, 0); // the writer took the blocker's batch and waits: the next three gather into one batch
            stillRepeat = w.submit(a, site, List.of(), t0.plus(Duration.ofMinutes(5)).minusMillis(1));
            newVisit = w.submit(a, site, List.of(), t0.plus(Duration.ofMinutes(5)));
            repeatOfNew = w.submit(a, site, List.of(), t0.plus(Duration.ofMinutes(5)).plusMillis(1));
            awaitQueued(w, 3);
            hold.close();
            assertThat(answer(blocker).id()).isEqualTo(open.id());
        }
        CheckinService.Checkin r = answer(stillRepeat);
        assertThat(r.id()).isEqualTo(open.id());
        assertThat(r.created()).isFalse();
        assertThat(r.dependants()).containsExactly("Siti");
        CheckinService.Checkin n = answer(newVisit);
        assertThat(n.created()).isTrue();
        assertThat(n.id()).isNotEqualTo(open.id());
        assertThat(n.checkedInAt()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
        CheckinService.Checkin again = answer(repeatOfNew);
        assertThat(again.id()).isEqualTo(n.id());
        assertThat(again.created()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM checkin WHERE citizen_id = :c").param("c", a).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void concurrentDoubleScansFromManyThreadsGiveOneCheckinPerPerson() throws Exception {
        // as configured by default: several writer threads on PostgreSQL, batches in flight at once
        CheckinWriter w = writer(checkins, transactions, dialect, 1000, 8, 0);
        List<String> people = List.of(citizen(), citizen(), citizen());
        Instant now = clock.instant();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<CheckinService.Checkin>> scans = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 48; i++) {
                String who = people.get(i % people.size());
                scans.add(threads.submit(() -> {
                    go.await();
                    return w.submit(who, site, List.of(), now).get(20, TimeUnit.SECONDS);
                }));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<CheckinService.Checkin> scan : scans) {
                CheckinService.Checkin c = scan.get(30, TimeUnit.SECONDS);
                ids.add(c.id());
                created += c.created() ? 1 : 0;
            }
            assertThat(ids).hasSize(3);
            assertThat(created).isEqualTo(3);
        }
        assertThat(rowsHere()).isEqualTo(3);
    }

    @Test
    void aFailedBatchAnswersEveryWaiterWith503AndTheWriterGoesOn(@TempDir Path dir) throws Exception {
        // a database without the checkin table: every INSERT fails, as with a lost or broken database
        String url = "jdbc:sqlite:" + dir.resolve("broken.db") + "?busy_timeout=10000&transaction_mode=IMMEDIATE";
        DriverManagerDataSource broken = new DriverManagerDataSource(url);
        CheckinWriter w = writer(new JdbcCheckins(new org.springframework.jdbc.core.JdbcTemplate(broken), DatabaseDialect.SQLITE),
                new DataSourceTransactionManager(broken), DatabaseDialect.SQLITE, 100, 100, 1);
        List<CompletableFuture<CheckinService.Checkin>> waiters = new ArrayList<>();
        try (Connection lock = DriverManager.getConnection(url); Statement s = lock.createStatement()) {
            lock.setAutoCommit(false);
            s.execute("CREATE TABLE held (x INTEGER)"); // holds the write lock: the first batch waits, the rest gather
            waiters.add(w.submit(citizen(), site, List.of(), clock.instant()));
            awaitQueued(w, 0);
            for (int i = 0; i < 5; i++) {
                waiters.add(w.submit(citizen(), site, List.of(), clock.instant()));
            }
            awaitQueued(w, 5);
            lock.rollback();
        }
        for (CompletableFuture<CheckinService.Checkin> waiter : waiters) {
            ProblemWords p = refusal(waiter); // the refusal's stack trace is checked to be empty there
            assertThat(p.status().value()).isEqualTo(503);
            assertThat(p.slug()).isEqualTo("checkin-unavailable");
            assertThat(p.retryAfter()).isEqualTo(Duration.ofSeconds(2));
            assertThat(p.detail()).doesNotContainIgnoringCase("sql").doesNotContain("checkin (");
        }
        // the writer survived the failure: it still answers (and still fails against this database)
        assertThat(refusal(w.submit(citizen(), site, List.of(), clock.instant())).slug()).isEqualTo("checkin-unavailable");
    }

    @Test
    void aFullQueueIsRefusedAtOnceWith429AndRetryAfterWhileQueuedScansStillCommit() throws Exception {
        CheckinWriter w = writer(2, 1);
        String held = citizen();
        List<CompletableFuture<CheckinService.Checkin>> accepted = new ArrayList<>();
        try (Hold hold = new Hold(held)) {
            accepted.add(w.submit(held, site, List.of(), clock.instant()));
            awaitQueued(w, 0);
            accepted.add(w.submit(citizen(), site, List.of(), clock.instant()));
            accepted.add(w.submit(citizen(), site, List.of(), clock.instant()));
            assertThatThrownBy(() -> w.submit(citizen(), site, List.of(), clock.instant()))
                    .isInstanceOfSatisfying(RefusedException.class, refused -> {
                        ProblemWords p = words(refused);
                        assertThat(p.status().value()).isEqualTo(429);
                        assertThat(p.slug()).isEqualTo("checkin-busy");
                        assertThat(p.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                    });
        }
        for (CompletableFuture<CheckinService.Checkin> f : accepted) {
            assertThat(answer(f).created()).isTrue();
        }
        assertThat(rowsHere()).isEqualTo(3);
    }

    @Test
    void stopCommitsWhatIsQueuedThenRefusesNewScansWith503() throws Exception {
        CheckinWriter w = writer(10, 1);
        String held = citizen();
        List<CompletableFuture<CheckinService.Checkin>> queued = new ArrayList<>();
        Thread stopping;
        try (Hold hold = new Hold(held)) {
            queued.add(w.submit(held, site, List.of(), clock.instant()));
            awaitQueued(w, 0);
            queued.add(w.submit(citizen(), site, List.of(), clock.instant()));
            queued.add(w.submit(citizen(), site, List.of(), clock.instant()));
            stopping = Thread.ofPlatform().start(w::stop);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try {
                    w.submit(citizen(), site, List.of(), clock.instant()).cancel(false);
                    Thread.sleep(5);
                } catch (RefusedException refused) {
                    assertThat(words(refused).status().value()).isEqualTo(503);
                    break;
                }
            }
        }
        stopping.join(30_000);
        assertThat(w.isRunning()).isFalse();
        for (CompletableFuture<CheckinService.Checkin> f : queued) {
            assertThat(answer(f).created()).as("queued before stop: committed").isTrue();
        }
        assertThatThrownBy(() -> w.submit(citizen(), site, List.of(), clock.instant()))
                .isInstanceOfSatisfying(RefusedException.class, p -> assertThat(words(p).slug()).isEqualTo("checkin-unavailable"));
    }
}
