package my.benteng.platform.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.OccasionalSweep;
import my.benteng.platform.LimitProbe;
import my.benteng.platform.LimitStore;
import my.benteng.platform.LimitStoreUnavailableException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sliding-log counters in the database, for a deployment without Redis (the embedded default). They hold defences —
 * the helpdesk's per-citizen and per-agent windows, the premises registration caps — so they must survive
 * a restart: each decision is committed before it is answered (graceful stop or {@code kill -9}, nothing is lost).
 * One check-and-record is one short write transaction: on SQLite ({@code transaction_mode=IMMEDIATE}) it holds the
 * write lock from BEGIN; on PostgreSQL a transaction-scoped advisory lock on the key serialises callers of that key.
 * Expired rows are purged at most once a minute (service time), in a transaction of their own.
 */
class JdbcLimitStore implements LimitStore {

    static final long SWEEP_EVERY_MILLIS = 60_000;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DatabaseDialect dialect;
    private final Clock clock;
    private final OccasionalSweep sweeps = new OccasionalSweep(Duration.ofMillis(SWEEP_EVERY_MILLIS), "limit events");

    JdbcLimitStore(JdbcClient jdbc, PlatformTransactionManager transactions, DatabaseDialect dialect, Clock clock) {
        this.jdbc = jdbc;
        // joins a caller's transaction if there is one (a new one would wait for the caller's SQLite write lock)
        this.transaction = new TransactionTemplate(transactions);
        this.dialect = dialect;
        this.clock = clock;
    }

    @Override
    public LimitProbe tryAcquire(String key, int limit, Duration window) {
        long now = clock.millis();
        long windowMillis = window.toMillis();
        LimitProbe probe = inTransaction(() -> {
            if (dialect.isPostgres()) {
                jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(?))").param(key).query((rs, n) -> 1).list();
            }
            long[] w = jdbc.sql("""
                            SELECT COALESCE(SUM(hits), 0), COALESCE(MIN(event_at), 0) FROM platform_limit_event
                            WHERE limit_key = ? AND event_at > ?""")
                    .params(key, now - windowMillis)
                    .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
            if (w[0] >= limit) {
                return LimitProbe.refused(Duration.ofMillis(w[1] + windowMillis - now));
            }
            jdbc.sql("""
                            INSERT INTO platform_limit_event (limit_key, event_at, hits, expires_at) VALUES (?, ?, 1, ?)
                            ON CONFLICT (limit_key, event_at) DO UPDATE SET hits = platform_limit_event.hits + 1,
                                expires_at = excluded.expires_at""")
                    .params(key, now, now + windowMillis).update();
            return LimitProbe.admitted((int) (limit - w[0] - 1));
        });
        sweeps.maybeRun(now, () -> sweep(now));
        return probe;
    }

    @Override
    public String kind() {
        return "database";
    }

    /** Deletes rows that have expired by {@code now}; returns how many (tests). */
    int sweep(long now) {
        return inTransaction(() -> jdbc.sql("DELETE FROM platform_limit_event WHERE expires_at <= ?").param(now).update());
    }

    private <T> T inTransaction(Supplier<T> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (DataAccessException | TransactionException e) {
            throw new LimitStoreUnavailableException(e);
        }
    }
}
