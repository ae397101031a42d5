package my.benteng.detection.internal.correlation;

import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.OccasionalSweep;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Correlation counts in the database, for a deployment without Redis (the embedded default, or several nodes on one
 * PostgreSQL): every node counts into the same rows, so a threshold crossed only by the sum of the nodes' events fires,
 * and fires once. One observation is one short write transaction: on SQLite ({@code transaction_mode=IMMEDIATE}) it
 * holds the write lock from its BEGIN; on PostgreSQL a transaction-scoped advisory lock serialises observations the
 * same way (one lock for all keys, so batches of several keys cannot deadlock). The engine runs a few observations in one transaction
 * ({@link #batch}), so a burst costs one commit per batch.
 *
 * <p>Table {@code detection_correlation}, per key (128 bits of SHA-256 over the rule id and group-by values): a header
 * row ({@code h}: the latest evidence, at most {@link #EVIDENCE}), and either a ring of {@link #BUCKETS} count rows
 * ({@code b0}..{@code b9}, each holding the bucket it counts) or one row per distinct value ({@code m<hash>}, holding the
 * latest bucket it was seen in; at most the threshold many, the oldest dropped). A key that fires is deleted. Rows carry
 * their expiry (the event time plus the window); at most once a minute of service time a sweep deletes the expired ones
 * and, above {@code maxKeys} keys, the keys that expire soonest (counted as evictions). So the table holds at most the
 * cap plus a minute's new keys, each of at most eleven rows (count) or the threshold plus one (distinct values).
 */
public final class JdbcCorrelationState implements CorrelationState {

    static final long SWEEP_EVERY_MILLIS = 60_000;
    /** Advisory lock id of the correlation state on PostgreSQL ("detect" in ASCII, as a number). */
    private static final long PG_LOCK = 0x646574656374L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DatabaseDialect dialect;
    private final int maxKeys;
    private final OccasionalSweep sweeps = new OccasionalSweep(Duration.ofMillis(SWEEP_EVERY_MILLIS), "detection correlation state");
    private final LongAdder evictions = new LongAdder();
    private volatile long lastAt = Long.MIN_VALUE;
    private final PlatformTransactionManager transactions;
    private final ThreadLocal<Batch> current = new ThreadLocal<>();

    public JdbcCorrelationState(JdbcClient jdbc, PlatformTransactionManager transactions, DatabaseDialect dialect, int maxKeys) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.transactions = transactions;
        this.dialect = dialect;
        this.maxKeys = maxKeys;
    }

    @Override
    public Outcome observe(Key key, String member, long atMillis, Duration window, long threshold, long[] evidence) {
        String id = StoreIds.key(key);
        long width = Math.max(1, window.toMillis() / BUCKETS);
        long bucket = Math.floorDiv(atMillis, width);
        long expiresAt = atMillis + window.toMillis() + width;
        String memberSlot = member == null ? null : "m" + StoreIds.member(member);
        lastAt = Math.max(lastAt, atMillis);
        Batch batch = current.get();
        if (batch != null) {
            return batch.run(() -> decide(id, memberSlot, bucket, expiresAt, threshold, evidence));
        }
        Outcome outcome = inTransaction(() -> decide(id, memberSlot, bucket, expiresAt, threshold, evidence));
        sweeps.maybeRun(atMillis, () -> sweep(atMillis)); // not inside a batch's transaction: then after it
        return outcome;
    }

    /**
     * The observations of {@code work} in one transaction, begun at the first observation (most audit entries feed no
     * correlation, and on SQLite a transaction takes the one write lock, which the audit append waits for too): a commit
     * costs milliseconds on PostgreSQL, an observation's statements a fraction of one. The engine keeps batches small.
     * After the first failure in a batch its remaining observations fail at once; a failed commit loses the batch.
     */
    @Override
    public <T> T batch(Supplier<T> work) {
        Batch batch = new Batch();
        current.set(batch);
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            batch.rollback();
            throw e;
        } finally {
            current.remove();
        }
        batch.commit();
        long at = lastAt;
        if (at != Long.MIN_VALUE) {
            sweeps.maybeRun(at, () -> sweep(at));
        }
        return result;
    }

    /** The transaction of one batch, on the thread that runs it. */
    private final class Batch {
        private TransactionStatus status;
        private boolean failed;

        Outcome run(Supplier<Outcome> decision) {
            if (failed) {
                throw new CorrelationStoreException("the database", new IllegalStateException("the batch failed"));
            }
            try {
                if (status == null) {
                    status = transactions.getTransaction(TransactionDefinition.withDefaults());
                }
                return decision.get();
            } catch (DataAccessException | TransactionException e) {
                failed = true;
                throw new CorrelationStoreException("the database", e);
            }
        }

        void commit() {
            if (status == null) {
                return;
            }
            try {
                if (failed) {
                    transactions.rollback(status);
                } else {
                    transactions.commit(status);
                }
            } catch (DataAccessException | TransactionException e) {
                throw new CorrelationStoreException("the database", e);
            }
        }

        void rollback() {
            if (status != null && !status.isCompleted()) {
                try {
                    transactions.rollback(status);
                } catch (DataAccessException | TransactionException e) {
                    // the exception that brought us here is the one to report
                }
            }
        }
    }

    private Outcome decide(String id, String memberSlot, long bucket, long expiresAt, long threshold, long[] evidence) {
        if (dialect.isPostgres()) {
            // one lock for all keys, as Redis runs one script at a time: a batch touches several keys, and per-key locks
            // taken in different orders by two nodes' batches would deadlock (taking it again in a batch only stacks it)
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(PG_LOCK).query((rs, n) -> 1).list();
        }
        String held = jdbc.sql("SELECT evidence FROM detection_correlation WHERE key_id = ? AND slot = 'h'").param(id)
                .query(String.class).optional().orElse(null);
        String remembered = remember(held, evidence);
        jdbc.sql("""
                        INSERT INTO detection_correlation (key_id, slot, bucket, n, evidence, expires_at) VALUES (?, 'h', ?, 0, ?, ?)
                        ON CONFLICT (key_id, slot) DO UPDATE SET evidence = excluded.evidence,
                            bucket = CASE WHEN excluded.bucket > detection_correlation.bucket
                                THEN excluded.bucket ELSE detection_correlation.bucket END,
                            expires_at = CASE WHEN excluded.expires_at > detection_correlation.expires_at
                                THEN excluded.expires_at ELSE detection_correlation.expires_at END""")
                .params(id, bucket, remembered, expiresAt).update();
        long value;
        if (memberSlot == null) {
            // a ring slot is reused when its bucket has left the window; an event older than the slot's bucket is not counted
            jdbc.sql("""
                            INSERT INTO detection_correlation (key_id, slot, bucket, n, evidence, expires_at) VALUES (?, ?, ?, 1, NULL, ?)
                            ON CONFLICT (key_id, slot) DO UPDATE SET
                                n = CASE WHEN detection_correlation.bucket = excluded.bucket THEN detection_correlation.n + 1
                                    WHEN detection_correlation.bucket < excluded.bucket THEN 1 ELSE detection_correlation.n END,
                                bucket = CASE WHEN excluded.bucket > detection_correlation.bucket
                                    THEN excluded.bucket ELSE detection_correlation.bucket END,
                                expires_at = CASE WHEN excluded.expires_at > detection_correlation.expires_at
                                    THEN excluded.expires_at ELSE detection_correlation.expires_at END""")
                    .params(id, "b" + Math.floorMod(bucket, (long) BUCKETS), bucket, expiresAt).update();
            value = jdbc.sql("""
                            SELECT COALESCE(SUM(n), 0) FROM detection_correlation
                            WHERE key_id = ? AND slot LIKE 'b%' AND bucket > ? AND bucket <= ?""")
                    .params(id, bucket - BUCKETS, bucket).query(Long.class).single();
        } else {
            jdbc.sql("""
                            INSERT INTO detection_correlation (key_id, slot, bucket, n, evidence, expires_at) VALUES (?, ?, ?, 0, NULL, ?)
                            ON CONFLICT (key_id, slot) DO UPDATE SET
                                bucket = CASE WHEN excluded.bucket > detection_correlation.bucket
                                    THEN excluded.bucket ELSE detection_correlation.bucket END,
                                expires_at = CASE WHEN excluded.expires_at > detection_correlation.expires_at
                                    THEN excluded.expires_at ELSE detection_correlation.expires_at END""")
                    .params(id, memberSlot, bucket, expiresAt).update();
            long[] counts = jdbc.sql("""
                            SELECT COUNT(*), COALESCE(SUM(CASE WHEN bucket > ? AND bucket <= ? THEN 1 ELSE 0 END), 0)
                            FROM detection_correlation WHERE key_id = ? AND slot LIKE 'm%'""")
                    .params(bucket - BUCKETS, bucket, id).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            value = counts[1];
            if (counts[0] > threshold) {
                // the most recent threshold-many values are exact: when that many are in the window, they all are
                jdbc.sql("""
                                DELETE FROM detection_correlation WHERE key_id = ? AND slot IN (
                                    SELECT slot FROM detection_correlation WHERE key_id = ? AND slot LIKE 'm%'
                                    ORDER BY bucket, slot LIMIT ?)""")
                        .params(id, id, counts[0] - threshold).update();
            }
        }
        if (value >= threshold) {
            jdbc.sql("DELETE FROM detection_correlation WHERE key_id = ?").param(id).update();
            return new Outcome(true, value, parse(remembered));
        }
        return new Outcome(false, value, new long[0]);
    }

    /** The held evidence with the new sequence numbers after it, the most recent {@link #EVIDENCE} kept. */
    static String remember(String held, long[] seqs) {
        long[] old = parse(held);
        long[] all = Arrays.copyOf(old, old.length + seqs.length);
        int n = old.length;
        for (long s : seqs) {
            if (s > 0) {
                all[n++] = s;
            }
        }
        long[] kept = Arrays.copyOfRange(all, Math.max(0, n - EVIDENCE), n);
        StringBuilder b = new StringBuilder();
        for (long s : kept) {
            b.append(b.isEmpty() ? "" : ",").append(s);
        }
        return b.toString();
    }

    private static long[] parse(String evidence) {
        if (evidence == null || evidence.isEmpty()) {
            return new long[0];
        }
        return Arrays.stream(evidence.split(",")).mapToLong(Long::parseLong).toArray();
    }

    /** Deletes what has expired by {@code now}, then the keys beyond the cap that expire soonest; returns the rows deleted. */
    int sweep(long now) {
        return inTransaction(() -> {
            int deleted = jdbc.sql("DELETE FROM detection_correlation WHERE expires_at <= ?").param(now).update();
            long keys = jdbc.sql("SELECT COUNT(*) FROM detection_correlation WHERE slot = 'h'").query(Long.class).single();
            if (keys > maxKeys) {
                List<String> over = jdbc.sql("SELECT key_id FROM detection_correlation WHERE slot = 'h' ORDER BY expires_at, key_id LIMIT ?")
                        .param(keys - maxKeys).query(String.class).list();
                for (int from = 0; from < over.size(); from += 500) {
                    List<String> chunk = over.subList(from, Math.min(over.size(), from + 500));
                    deleted += jdbc.sql("DELETE FROM detection_correlation WHERE key_id IN (:ids)").param("ids", chunk).update();
                }
                evictions.add(over.size());
            }
            return deleted;
        });
    }

    /** Keys held in the table (one header row each). */
    @Override
    public long keys() {
        try {
            return jdbc.sql("SELECT COUNT(*) FROM detection_correlation WHERE slot = 'h'").query(Long.class).single();
        } catch (DataAccessException e) {
            return -1;
        }
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    @Override
    public String kind() {
        return "database";
    }

    private <T> T inTransaction(Supplier<T> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (DataAccessException | TransactionException e) {
            throw new CorrelationStoreException("the database", e);
        }
    }
}
