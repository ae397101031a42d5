package my.benteng.messaging.internal;

import my.benteng.messaging.DeliveryStatus;
import my.benteng.messaging.Language;
import my.benteng.messaging.Template;
import my.benteng.platform.Channel;
import my.benteng.platform.DatabaseDialect;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The outbox table. Callers own the transactions; every method here is one or two statements. Rows
 * leave PENDING/SENDING only through {@link #finish}, which also wipes the recipient and parameters.
 */
final class OutboxRepository {

    private static final String COLUMNS = "id, template, channel, language, recipient, recipient_masked, region, parameters, attempts, charged";
    private static final RowMapper<OutboxMessage> ROW = (rs, n) -> new OutboxMessage(
            UUID.fromString(rs.getString("id")), Template.valueOf(rs.getString("template")),
            Channel.valueOf(rs.getString("channel")), Language.valueOf(rs.getString("language")),
            rs.getString("recipient"), rs.getString("recipient_masked"), rs.getString("region"),
            rs.getString("parameters"), rs.getInt("attempts"), rs.getInt("charged") != 0, false);
    /** As {@link #ROW}, from a claim that also returns each row's status before the claim. */
    private static final RowMapper<OutboxMessage> CLAIMED_ROW = (rs, n) -> ROW.mapRow(rs, n)
            .takenOver("SENDING".equals(rs.getString("previous_status")));

    private final JdbcClient jdbc;
    private final DatabaseDialect dialect;

    OutboxRepository(JdbcClient jdbc, DatabaseDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    record NewMessage(UUID id, Template template, Channel channel, Language language, String recipient,
                      String recipientMasked, String recipientHash, String region, String parameters, long now,
                      long notBefore, String holdKey) {

        NewMessage(UUID id, Template template, Channel channel, Language language, String recipient,
                   String recipientMasked, String recipientHash, String region, String parameters, long now) {
            this(id, template, channel, language, recipient, recipientMasked, recipientHash, region, parameters, now, now, null);
        }
    }

    void insert(NewMessage m) {
        jdbc.sql("""
                        INSERT INTO messaging_outbox (id, template, channel, language, recipient, recipient_masked, recipient_hash,
                                                      region, parameters, status, attempts, charged, next_attempt_at, created_at,
                                                      hold_key)
                        VALUES (:id, :template, :channel, :language, :recipient, :masked, :hash, :region, :parameters,
                                'PENDING', 0, 0, :notBefore, :now, :holdKey)
                        """)
                .param("id", m.id().toString()).param("template", m.template().name()).param("channel", m.channel().name())
                .param("language", m.language().name()).param("recipient", m.recipient()).param("masked", m.recipientMasked())
                .param("hash", m.recipientHash()).param("region", m.region()).param("parameters", m.parameters())
                .param("now", m.now()).param("notBefore", m.notBefore()).param("holdKey", m.holdKey())
                .update();
    }

    /** Cancels held messages no claimer has touched (attempts = 0), wiping their recipient and parameters. */
    int cancelHeld(String holdKey, long now) {
        return jdbc.sql("""
                        UPDATE messaging_outbox SET status = 'CANCELLED', completed_at = :now, last_error = 'held_cancelled',
                                                    recipient = NULL, parameters = NULL
                        WHERE hold_key = :key AND status = 'PENDING' AND attempts = 0
                        """)
                .param("now", now).param("key", holdKey).update();
    }

    /**
     * Claims up to {@code limit} due messages: PENDING ones whose time has come and SENDING ones whose lease
     * ran out (their dispatcher died; returned with {@code takenOver}). Each claim increments {@code attempts},
     * the claim's fencing token, and commits with the caller's transaction before anything is sent: the SENDING
     * row is the durable record that an attempt started.
     * PostgreSQL skips rows other claimers hold; SQLite needs no skipping because the transaction holds
     * the database's write lock from BEGIN (transaction_mode=IMMEDIATE), so claimers simply take turns.
     */
    List<OutboxMessage> claim(long now, long leaseUntil, int limit) {
        if (dialect.isPostgres()) {
            return jdbc.sql("""
                            UPDATE messaging_outbox SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = :lease
                            FROM (SELECT id AS due_id, status AS previous_status FROM messaging_outbox
                                  WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                                  ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED) due
                            WHERE id = due.due_id
                            RETURNING\s""" + COLUMNS + ", previous_status")
                    .param("lease", leaseUntil).param("now", now).param("limit", limit)
                    .query(CLAIMED_ROW).list();
        }
        Map<String, String> due = new HashMap<>();
        jdbc.sql("""
                        SELECT id, status FROM messaging_outbox WHERE status IN ('PENDING', 'SENDING') AND next_attempt_at <= :now
                        ORDER BY next_attempt_at LIMIT :limit
                        """)
                .param("now", now).param("limit", limit).query(rs -> {
                    due.put(rs.getString(1), rs.getString(2));
                });
        if (due.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE messaging_outbox SET status = 'SENDING', attempts = attempts + 1, next_attempt_at = :lease WHERE id IN (:ids)")
                .param("lease", leaseUntil).param("ids", List.copyOf(due.keySet())).update();
        return jdbc.sql("SELECT " + COLUMNS + " FROM messaging_outbox WHERE id IN (:ids)").param("ids", List.copyOf(due.keySet())).query(ROW).list()
                .stream().map(m -> m.takenOver("SENDING".equals(due.get(m.id().toString())))).toList();
    }

    /** Marks the message as paid for, if this claim still holds it. */
    boolean markCharged(OutboxMessage m) {
        return jdbc.sql("UPDATE messaging_outbox SET charged = 1 WHERE id = :id AND status = 'SENDING' AND attempts = :attempts")
                .param("id", m.id().toString()).param("attempts", m.attempts()).update() == 1;
    }

    /** Back to PENDING for another attempt at {@code nextAttemptAt}, if this claim still holds it. */
    boolean reschedule(OutboxMessage m, long nextAttemptAt, String error) {
        return jdbc.sql("""
                        UPDATE messaging_outbox SET status = 'PENDING', next_attempt_at = :next, last_error = :error
                        WHERE id = :id AND status = 'SENDING' AND attempts = :attempts
                        """)
                .param("next", nextAttemptAt).param("error", error).param("id", m.id().toString())
                .param("attempts", m.attempts()).update() == 1;
    }

    /** Moves to a terminal status and wipes what is not needed any more, if this claim still holds it. */
    boolean finish(OutboxMessage m, DeliveryStatus status, String error, long now) {
        if (!status.isTerminal()) {
            throw new IllegalArgumentException("not a terminal status");
        }
        return jdbc.sql("""
                        UPDATE messaging_outbox SET status = :status, last_error = :error, completed_at = :now,
                                                    recipient = NULL, parameters = NULL
                        WHERE id = :id AND status = 'SENDING' AND attempts = :attempts
                        """)
                .param("status", status.name()).param("error", error).param("now", now).param("id", m.id().toString())
                .param("attempts", m.attempts()).update() == 1;
    }

    String recipientHash(UUID id) {
        return jdbc.sql("SELECT recipient_hash FROM messaging_outbox WHERE id = :id").param("id", id.toString())
                .query(String.class).single();
    }

    Optional<DeliveryStatus> status(UUID id) {
        return jdbc.sql("SELECT status FROM messaging_outbox WHERE id = :id").param("id", id.toString())
                .query((rs, n) -> DeliveryStatus.valueOf(rs.getString(1))).optional();
    }
}
