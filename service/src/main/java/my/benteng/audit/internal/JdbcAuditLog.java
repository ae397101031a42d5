package my.benteng.audit.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.platform.DatabaseDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Objects;

/**
 * Appends to the hash chain. The single head row is locked for the append (FOR UPDATE on PostgreSQL;
 * SQLite transactions already hold the database's write lock), so entries get gap-free sequence numbers
 * and each commits to exactly one predecessor even with many writers on many nodes.
 */
@Service
class JdbcAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger("audit");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final String lockHead;
    private final JdbcAuditChain chain;
    private final long checkpointEvery;
    private final TransactionTemplate transaction;
    private final AuditListeners listeners;

    /** Without listeners: for appenders built by hand (tests, tools). */
    JdbcAuditLog(JdbcClient jdbc, Clock clock, DatabaseDialect dialect, JdbcAuditChain chain, AuditProperties properties,
                 PlatformTransactionManager transactions) {
        this(jdbc, clock, dialect, chain, properties, transactions, AuditListeners.none());
    }

    @org.springframework.beans.factory.annotation.Autowired
    JdbcAuditLog(JdbcClient jdbc, Clock clock, DatabaseDialect dialect, JdbcAuditChain chain, AuditProperties properties,
                 PlatformTransactionManager transactions, AuditListeners listeners) {
        this.listeners = listeners;
        this.jdbc = jdbc;
        this.clock = clock;
        this.lockHead = lockHeadSql(dialect);
        this.chain = chain;
        this.checkpointEvery = properties.checkpointEvery();
        this.transaction = new TransactionTemplate(transactions);
    }

    static String lockHeadSql(DatabaseDialect dialect) {
        return "SELECT seq, hash FROM audit_head WHERE id = 1" + (dialect.isPostgres() ? " FOR UPDATE" : "");
    }

    /**
     * Joins the caller's transaction or opens one. A transaction template rather than {@code @Transactional}:
     * {@link AuditLog#record(AuditEvent.Builder)} is a default method that calls this one on the target, past
     * any proxy, and without a transaction the head lock would end with the SELECT and seqs would collide.
     */
    @Override
    public long record(AuditEvent event) {
        Long seq = transaction.execute(status -> append(event));
        return Objects.requireNonNull(seq);
    }

    /**
     * One hold of the head for the whole list: the entries are chained in memory and written with multi-row
     * INSERTs, the head moved once -- a batch of a thousand events costs a few round trips, not three per event.
     */
    @Override
    public long recordAll(java.util.List<AuditEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Long last = transaction.execute(status -> {
            Head head = jdbc.sql(lockHead).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).strip())).single();
            long now = clock.millis();
            java.util.List<Object[]> rows = new java.util.ArrayList<>(events.size());
            java.util.List<Head> checkpoints = new java.util.ArrayList<>();
            long seq = head.seq();
            String prev = head.hash();
            for (AuditEvent e : events) {
                seq++;
                String hash = AuditEntry.hash(seq, now, e, prev);
                rows.add(new Object[]{seq, now, e.name(), e.actor(), e.subject(), e.clientIp(), e.reason(), e.outcome().name(),
                        String.join(",", e.attackIds()), AuditEntry.encodeDetails(e.details()), prev, hash});
                if (checkpointEvery > 0 && seq % checkpointEvery == 0) {
                    checkpoints.add(new Head(seq, hash));
                }
                prev = hash;
            }
            for (int i = 0; i < rows.size(); i += ROWS_PER_INSERT) {
                java.util.List<Object[]> chunk = rows.subList(i, Math.min(rows.size(), i + ROWS_PER_INSERT));
                StringBuilder sql = new StringBuilder("INSERT INTO audit_entry (seq, recorded_at, event, actor, subject, client_ip,"
                        + " reason, outcome, attack_ids, details, prev_hash, hash) VALUES ");
                java.util.List<Object> params = new java.util.ArrayList<>(chunk.size() * 12);
                for (int r = 0; r < chunk.size(); r++) {
                    sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    params.addAll(java.util.Arrays.asList(chunk.get(r)));
                }
                jdbc.sql(sql.toString()).params(params).update();
            }
            jdbc.sql("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1").param("seq", seq).param("hash", prev).update();
            for (Head c : checkpoints) {
                // same transaction, still under the head lock, and the entries it covers are written
                chain.checkpointHead(c.seq(), c.hash());
            }
            long first = head.seq() + 1;
            listeners.appended(first, now, events); // told after the commit, never for a rollback
            for (AuditEvent e : events) {
                log.info("audit seq={} event={} outcome={} reason={} actor={} subject={}", first++, e.name(), e.outcome(),
                        e.reason(), e.actor(), e.subject());
            }
            return seq;
        });
        return Objects.requireNonNull(last);
    }

    /** Entries per multi-row INSERT of {@link #recordAll}: twelve bind parameters each. */
    private static final int ROWS_PER_INSERT = 100;

    private long append(AuditEvent event) {
        Head head = jdbc.sql(lockHead).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).strip())).single();
        long seq = head.seq() + 1;
        long now = clock.millis();
        String hash = AuditEntry.hash(seq, now, event, head.hash());
        jdbc.sql("""
                        INSERT INTO audit_entry (seq, recorded_at, event, actor, subject, client_ip, reason, outcome,
                                                 attack_ids, details, prev_hash, hash)
                        VALUES (:seq, :at, :event, :actor, :subject, :ip, :reason, :outcome, :attack, :details, :prev, :hash)
                        """)
                .param("seq", seq).param("at", now).param("event", event.name()).param("actor", event.actor())
                .param("subject", event.subject()).param("ip", event.clientIp()).param("reason", event.reason())
                .param("outcome", event.outcome().name()).param("attack", String.join(",", event.attackIds()))
                .param("details", AuditEntry.encodeDetails(event.details())).param("prev", head.hash()).param("hash", hash)
                .update();
        jdbc.sql("UPDATE audit_head SET seq = :seq, hash = :hash WHERE id = 1").param("seq", seq).param("hash", hash).update();
        if (checkpointEvery > 0 && seq % checkpointEvery == 0) {
            // same transaction and still under the head lock: the checkpoint exists exactly when the entry does
            chain.checkpointHead(seq, hash);
        }
        listeners.appended(seq, now, event); // told after the commit, never for a rollback
        // the event fields are masked by contract, so the security log may carry them as they are
        log.info("audit seq={} event={} outcome={} reason={} actor={} subject={}", seq, event.name(), event.outcome(),
                event.reason(), event.actor(), event.subject());
        return seq;
    }

    private record Head(long seq, String hash) {
    }
}
