package my.benteng.detection.internal.alert;

import my.benteng.platform.DatabaseDialect;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The alert delivery outbox. Callers own the transactions. Rows leave PENDING/SENDING only through {@link #finish}, and
 * only by the claim that holds them (its {@code attempts}).
 */
final class JdbcAlertDeliveries {

    private static final String COLUMNS = "id, alert_id, receiver, transition, alert_version, payload, attempts, created_at";
    private static final RowMapper<PendingDelivery> ROW = (rs, n) -> new PendingDelivery(rs.getString("id"), rs.getString("alert_id"),
            rs.getString("receiver"), Transition.valueOf(rs.getString("transition")), rs.getInt("alert_version"),
            rs.getString("payload"), rs.getInt("attempts"), rs.getLong("created_at"));
    /**
     * Due rows of the given receivers whose alert has no older row of the same receiver still waiting: an alert's
     * transitions reach each receiver in order, and a resolve never overtakes the firing it ends.
     */
    private static final String DUE = """
            FROM detection_alert_delivery d
            WHERE d.receiver IN (:receivers) AND d.status IN ('PENDING', 'SENDING') AND d.next_attempt_at <= :now
              AND NOT EXISTS (SELECT 1 FROM detection_alert_delivery o
                              WHERE o.alert_id = d.alert_id AND o.receiver = d.receiver AND o.alert_version < d.alert_version
                                AND o.status IN ('PENDING', 'SENDING'))
            ORDER BY d.next_attempt_at LIMIT :limit
            """;

    private final JdbcClient jdbc;
    private final DatabaseDialect dialect;

    JdbcAlertDeliveries(JdbcClient jdbc, DatabaseDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** A claimed row; {@code attempts} is the claim's fencing token. */
    record PendingDelivery(String id, String alertId, String receiver, Transition transition, int alertVersion, String payload,
                           int attempts, long createdAt) {
    }

    void insert(String id, String alertId, String receiver, Transition transition, int alertVersion, String payload, long now) {
        jdbc.sql("""
                        INSERT INTO detection_alert_delivery (id, alert_id, receiver, transition, alert_version, payload, status,
                                                              attempts, next_attempt_at, created_at)
                        VALUES (:id, :alert, :receiver, :transition, :version, :payload, 'PENDING', 0, :now, :now)
                        """)
                .param("id", id).param("alert", alertId).param("receiver", receiver).param("transition", transition.name())
                .param("version", alertVersion).param("payload", payload).param("now", now).update();
    }

    /** Whether {@code receiver} was ever given a notice of the alert (only then is it told of the resolve). */
    boolean hasHeardOf(String alertId, String receiver) {
        return jdbc.sql("SELECT COUNT(*) FROM detection_alert_delivery WHERE alert_id = :alert AND receiver = :receiver")
                .param("alert", alertId).param("receiver", receiver).query(Long.class).single() > 0;
    }

    /** Whether {@code receiver} has a row of the alert made after {@code since} or still waiting. */
    boolean heardOfSince(String alertId, String receiver, long since) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM detection_alert_delivery WHERE alert_id = :alert AND receiver = :receiver
                          AND (created_at > :since OR status IN ('PENDING', 'SENDING'))
                        """)
                .param("alert", alertId).param("receiver", receiver).param("since", since).query(Long.class).single() > 0;
    }

    /**
     * Claims up to {@code limit} due rows for the receivers and leases them until {@code leaseUntil}. PostgreSQL skips
     * rows other claimers hold; on SQLite the transaction holds the write lock from BEGIN, so claimers take turns.
     */
    List<PendingDelivery> claim(List<String> receivers, long now, long leaseUntil, int limit) {
        if (receivers.isEmpty()) {
            return List.of();
        }
        if (dialect.isPostgres()) {
            return jdbc.sql("""
                            UPDATE detection_alert_delivery SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = :lease
                            FROM (SELECT d.id AS due_id\s""" + DUE + """
                             FOR UPDATE SKIP LOCKED) due
                            WHERE id = due.due_id
                            RETURNING\s""" + COLUMNS)
                    .param("lease", leaseUntil).param("receivers", receivers).param("now", now).param("limit", limit)
                    .query(ROW).list();
        }
        List<String> ids = jdbc.sql("SELECT d.id " + DUE).param("receivers", receivers).param("now", now).param("limit", limit)
                .query(String.class).list();
        if (ids.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE detection_alert_delivery SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = :lease WHERE id IN (:ids)")
                .param("lease", leaseUntil).param("ids", ids).update();
        return new ArrayList<>(jdbc.sql("SELECT " + COLUMNS + " FROM detection_alert_delivery WHERE id IN (:ids)").param("ids", ids)
                .query(ROW).list());
    }

    /** Back to PENDING for another attempt at {@code nextAttemptAt}, if this claim still holds the row. */
    boolean reschedule(PendingDelivery d, long nextAttemptAt, String error) {
        return jdbc.sql("""
                        UPDATE detection_alert_delivery SET status = 'PENDING', next_attempt_at = :next, last_error = :error
                        WHERE id = :id AND status = 'SENDING' AND attempts = :attempts
                        """)
                .param("next", nextAttemptAt).param("error", error).param("id", d.id()).param("attempts", d.attempts()).update() == 1;
    }

    /** SENT or FAILED, if this claim still holds the row. */
    boolean finish(PendingDelivery d, String status, String error, long now) {
        return jdbc.sql("""
                        UPDATE detection_alert_delivery SET status = :status, last_error = :error, completed_at = :now
                        WHERE id = :id AND status = 'SENDING' AND attempts = :attempts
                        """)
                .param("status", status).param("error", error).param("now", now).param("id", d.id()).param("attempts", d.attempts())
                .update() == 1;
    }

    /**
     * Deletes at most {@code limit} rows finished before {@code before}: re-sends, and every row of a resolved alert. The
     * first notice of an open alert stays, because it is what tells that the receiver must hear of the resolve.
     */
    int purgeFinished(long before, int limit) {
        return jdbc.sql("""
                        DELETE FROM detection_alert_delivery WHERE id IN (
                            SELECT d.id FROM detection_alert_delivery d
                            WHERE d.status IN ('SENT', 'FAILED') AND d.completed_at < :before
                              AND (d.transition = 'RESENT'
                                   OR EXISTS (SELECT 1 FROM detection_alert a WHERE a.id = d.alert_id AND a.status = 'RESOLVED'))
                            LIMIT :limit)
                        """)
                .param("before", before).param("limit", limit).update();
    }

    Optional<String> status(String id) {
        return jdbc.sql("SELECT status FROM detection_alert_delivery WHERE id = :id").param("id", id).query(String.class).optional();
    }
}
