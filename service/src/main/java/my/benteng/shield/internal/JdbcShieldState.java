package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.OccasionalSweep;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The shield state of a deployment without Redis (the embedded default), in the database that is the system of
 * record there, so that no cap, cooldown, block or spent proof of work is forgotten when the node restarts —
 * gracefully or by {@code kill -9}: every decision is committed before its answer is returned (write-through), so
 * nothing the node has answered lives only in memory.
 *
 * <p>One assessment is one short write transaction with the same steps, in the same order, as the Redis script. On
 * SQLite ({@code transaction_mode=IMMEDIATE}) the transaction holds the one write lock from its BEGIN, so it is atomic
 * against every other thread and process; on PostgreSQL a transaction-scoped advisory lock serialises assessments the
 * same way (one shared lock, as Redis runs one script at a time). Refusals are kept off the database by the
 * {@link RefusalCachingShieldState} in front.
 *
 * <p>Expired rows are purged here, at most once a {@link #SWEEP_EVERY_MILLIS} of service time, in a transaction of
 * their own after an assessment, so the tables hold only what is still alive.
 */
class JdbcShieldState implements ShieldState {

    /** How often expired rows are purged (service time). */
    static final long SWEEP_EVERY_MILLIS = 60_000;
    /** Advisory lock id of the shield state on PostgreSQL ("shield" in ASCII, as a number). */
    private static final long PG_LOCK = 0x736869656c64L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DatabaseDialect dialect;
    private final OccasionalSweep sweeps = new OccasionalSweep(Duration.ofMillis(SWEEP_EVERY_MILLIS), "shield state");

    JdbcShieldState(JdbcClient jdbc, PlatformTransactionManager transactions, DatabaseDialect dialect) {
        this.jdbc = jdbc;
        // joins a caller's transaction if there is one (a new one would wait for the caller's SQLite write lock)
        this.transaction = new TransactionTemplate(transactions);
        this.dialect = dialect;
    }

    @Override
    public StateOutcome consume(Consumption c) {
        StateOutcome outcome = inTransaction(() -> decide(c));
        sweeps.maybeRun(c.now(), () -> sweep(c.now()));
        return outcome;
    }

    private StateOutcome decide(Consumption c) {
        long now = c.now();
        lock();
        if (c.spentKey() != null) {
            if (value(c.spentKey(), now) != null) {
                return StateOutcome.replayed();
            }
            // spent by reaching this step, whatever the answer: a refused solution must not buy another try
            putValue(c.spentKey(), 1, now + c.spentTtlMillis());
        }
        if (c.blockKey() != null) {
            Long until = value(c.blockKey(), now);
            if (until != null && until > now) {
                return StateOutcome.blocked(until - now);
            }
        }
        Limit worst = null;
        long worstWait = -1;
        long[] newTats = new long[c.limits().size()];
        for (int i = 0; i < c.limits().size(); i++) {
            Limit limit = c.limits().get(i);
            long wait = -1;
            if (limit.kind() == Limit.Kind.BUCKET) {
                Long stored = value(limit.key(), Long.MIN_VALUE);
                long tat = stored == null ? now : Math.max(stored, now);
                long newTat = tat + limit.periodMillis();
                long allowAt = newTat - limit.amount() * limit.periodMillis();
                if (allowAt > now) {
                    wait = allowAt - now;
                }
                newTats[i] = newTat;
            } else {
                long[] w = events(limit.key(), limit.legacyKey(), now - limit.periodMillis());
                long count = w[0];
                if (limit.kind() == Limit.Kind.WINDOW) {
                    if (count >= limit.amount()) {
                        wait = w[1] + limit.periodMillis() - now;
                    }
                } else if (count > 0) {
                    long cooldown = limit.cooldownWait((int) Math.min(Integer.MAX_VALUE, count), w[2], now);
                    if (cooldown > 0) {
                        wait = cooldown;
                    }
                }
            }
            if (wait > worstWait) {
                worst = limit;
                worstWait = wait;
            }
        }
        if (worst != null && worstWait >= 0) {
            return StateOutcome.refused(worst.reason(), worstWait);
        }
        for (int i = 0; i < c.limits().size(); i++) {
            Limit limit = c.limits().get(i);
            if (limit.kind() == Limit.Kind.BUCKET) {
                putValue(limit.key(), newTats[i], newTats[i]);
            } else {
                jdbc.sql("""
                                INSERT INTO shield_state_event (state_key, event_at, hits, expires_at) VALUES (?, ?, 1, ?)
                                ON CONFLICT (state_key, event_at) DO UPDATE SET hits = shield_state_event.hits + 1,
                                    expires_at = excluded.expires_at""")
                        .params(limit.key(), now, now + limit.periodMillis()).update();
            }
        }
        long index = c.velocity().index(now);
        List<StateOutcome.Counts> counts = new ArrayList<>(c.velocityKeys().size());
        for (String key : c.velocityKeys()) {
            countVelocity(key, index, 1, 0, now + c.velocity().lifetimeMillis());
            counts.add(jdbc.sql("""
                            SELECT COALESCE(SUM(sent), 0), COALESCE(SUM(verified), 0) FROM shield_state_velocity
                            WHERE state_key = ? AND bucket > ?""")
                    .params(key, index - c.velocity().buckets())
                    .query((rs, n) -> new StateOutcome.Counts(rs.getLong(1), rs.getLong(2))).single());
        }
        return StateOutcome.allowed(counts);
    }

    @Override
    public void recordVerified(List<String> velocityKeys, long now, Consumption.VelocityWindow window) {
        if (velocityKeys.isEmpty()) {
            return;
        }
        inTransaction(() -> {
            for (String key : velocityKeys) {
                countVelocity(key, window.index(now), 0, 1, now + window.lifetimeMillis());
            }
            return null;
        });
    }

    @Override
    public void markSpent(Map<String, Long> spentKeys, long now) {
        if (spentKeys.isEmpty()) {
            return;
        }
        // multi-row upserts: a flood of memory-answered refusals arrives here in batches of hundreds, and a statement
        // per marker made each refusal measurably dearer on SQLite (the markers are unique keys of one map)
        List<Map.Entry<String, Long>> entries = new ArrayList<>(spentKeys.entrySet());
        inTransaction(() -> {
            for (int from = 0; from < entries.size(); from += MARKERS_PER_STATEMENT) {
                List<Map.Entry<String, Long>> chunk = entries.subList(from, Math.min(entries.size(), from + MARKERS_PER_STATEMENT));
                StringBuilder sql = new StringBuilder("INSERT INTO shield_state_value (state_key, state_value, expires_at) VALUES ");
                List<Object> params = new ArrayList<>(chunk.size() * 3);
                for (int i = 0; i < chunk.size(); i++) {
                    sql.append(i == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
                    params.add(chunk.get(i).getKey());
                    params.add(1L);
                    params.add(now + Math.max(1, chunk.get(i).getValue()));
                }
                sql.append(" ON CONFLICT (state_key) DO UPDATE SET state_value = excluded.state_value, expires_at = excluded.expires_at");
                jdbc.sql(sql.toString()).params(params).update();
            }
            return null;
        });
    }

    /** Rows per multi-row upsert of spent markers (3 parameters each, far below SQLite's limit of 32,766). */
    private static final int MARKERS_PER_STATEMENT = 200;

    @Override
    public void block(String key, long now, long untilMillis) {
        inTransaction(() -> {
            // an existing longer block is kept
            jdbc.sql("""
                            INSERT INTO shield_state_value (state_key, state_value, expires_at) VALUES (?, ?, ?)
                            ON CONFLICT (state_key) DO UPDATE SET state_value = excluded.state_value, expires_at = excluded.expires_at
                            WHERE shield_state_value.state_value < excluded.state_value""")
                    .params(key, untilMillis, untilMillis).update();
            return null;
        });
    }

    @Override
    public String kind() {
        return "database";
    }

    /** Deletes rows that have expired by {@code now}; returns how many (tests). */
    int sweep(long now) {
        return inTransaction(() -> jdbc.sql("DELETE FROM shield_state_value WHERE expires_at <= ?").param(now).update()
                + jdbc.sql("DELETE FROM shield_state_event WHERE expires_at <= ?").param(now).update()
                + jdbc.sql("DELETE FROM shield_state_velocity WHERE expires_at <= ?").param(now).update());
    }

    private void lock() {
        if (dialect.isPostgres()) {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(PG_LOCK).query((rs, n) -> 1).list();
        }
    }

    /** The value under {@code key} if it expires after {@code now}, or null. */
    @Override
    public Map<String, String> pumpingRecords() {
        try {
            Map<String, String> records = new java.util.HashMap<>();
            jdbc.sql("SELECT name, value FROM shield_pumping_record").query((rs, n) -> records.put(rs.getString(1), rs.getString(2))).list();
            return records;
        } catch (DataAccessException | TransactionException e) {
            throw new ShieldStateUnavailableException("shield state in the database is unavailable", e);
        }
    }

    @Override
    public void putPumpingRecord(String name, String value, long now) {
        try {
            inTransaction(() -> value == null
                    ? jdbc.sql("DELETE FROM shield_pumping_record WHERE name = ?").param(name).update()
                    : jdbc.sql("""
                            INSERT INTO shield_pumping_record (name, value, updated_at) VALUES (?, ?, ?)
                            ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at""")
                    .param(name).param(value).param(now).update());
        } catch (DataAccessException | TransactionException e) {
            throw new ShieldStateUnavailableException("shield state in the database is unavailable", e);
        }
    }

    private Long value(String key, long now) {
        return jdbc.sql("SELECT state_value FROM shield_state_value WHERE state_key = ? AND expires_at > ?")
                .params(key, now).query(Long.class).optional().orElse(null);
    }

    private void putValue(String key, long value, long expiresAt) {
        jdbc.sql("""
                        INSERT INTO shield_state_value (state_key, state_value, expires_at) VALUES (?, ?, ?)
                        ON CONFLICT (state_key) DO UPDATE SET state_value = excluded.state_value, expires_at = excluded.expires_at""")
                .params(key, value, expiresAt).update();
    }

    /** Events under {@code key} (and {@code legacyKey}, if not null) after {@code cutoff}: {count, oldest, latest}. */
    private long[] events(String key, String legacyKey, long cutoff) {
        String select = "SELECT COALESCE(SUM(hits), 0), COALESCE(MIN(event_at), 0), COALESCE(MAX(event_at), 0) FROM shield_state_event ";
        JdbcClient.StatementSpec statement = legacyKey == null
                ? jdbc.sql(select + "WHERE state_key = ? AND event_at > ?").params(key, cutoff)
                : jdbc.sql(select + "WHERE state_key IN (?, ?) AND event_at > ?").params(key, legacyKey, cutoff);
        return statement.query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).single();
    }

    private void countVelocity(String key, long bucket, int sent, int verified, long expiresAt) {
        jdbc.sql("""
                        INSERT INTO shield_state_velocity (state_key, bucket, sent, verified, expires_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (state_key, bucket) DO UPDATE SET sent = shield_state_velocity.sent + excluded.sent,
                            verified = shield_state_velocity.verified + excluded.verified,
                            expires_at = CASE WHEN excluded.expires_at > shield_state_velocity.expires_at
                                THEN excluded.expires_at ELSE shield_state_velocity.expires_at END""")
                .params(key, bucket, sent, verified, expiresAt).update();
    }

    private <T> T inTransaction(Supplier<T> work) {
        try {
            return transaction.execute(status -> work.get());
        } catch (DataAccessException | TransactionException e) {
            throw new ShieldStateUnavailableException("shield state in the database is unavailable: " + e.getClass().getSimpleName(), e);
        }
    }
}
