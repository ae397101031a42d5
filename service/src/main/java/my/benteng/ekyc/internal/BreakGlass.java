package my.benteng.ekyc.internal;

import my.benteng.platform.RandomIds;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.platform.InvalidValueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The only way an original image leaves the vault: two operators. One asks with a reason, another approves,
 * the asker fetches it once within {@link #WINDOW}. Four-eyes, single use, every step audited.
 */
@Component
public class BreakGlass {

    static final Duration WINDOW = Duration.ofMinutes(15);

    public sealed interface Outcome {
        record Done(String requestId, Instant expiresAt) implements Outcome {
        }

        record NotFound() implements Outcome {
        }

        record SameOperator() implements Outcome {
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Vault vault;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;

    BreakGlass(JdbcClient jdbc, TransactionTemplate transaction, Vault vault, AuditLog audit, Clock clock, SecureRandom random) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.vault = vault;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    public Outcome request(String imageId, String reason, String operator, String ip) {
        if (reason == null || reason.strip().length() < 10 || reason.length() > 500) {
            throw new InvalidValueException("reason", "must be 10-500 characters");
        }
        if (Consents.parseUuid(imageId).isEmpty() || vault.image(imageId).filter(i -> i.wrappedKey() != null).isEmpty()) {
            return new Outcome.NotFound();
        }
        String id = RandomIds.uuid(random);
        Instant now = clock.instant();
        Instant expires = now.plus(WINDOW);
        transaction.executeWithoutResult(s -> {
            jdbc.sql("""
                            INSERT INTO ekyc_break_glass (id, image_id, requested_by, reason, requested_at, expires_at)
                            VALUES (:id, :img, :by, :reason, :now, :exp)""")
                    .param("id", id).param("img", imageId).param("by", operator).param("reason", reason.strip())
                    .param("now", now.toEpochMilli()).param("exp", expires.toEpochMilli()).update();
            audit.record(AuditEvent.named("break_glass_requested").actor(operator).clientIp(ip).subject("ekyc-image:" + imageId)
                    .reason("ekyc.break_glass.requested").detail("request", id));
        });
        return new Outcome.Done(id, expires);
    }

    public Outcome approve(String requestId, String operator, String ip) {
        Optional<String[]> row = pending(requestId);
        if (row.isEmpty() || row.get()[2] != null) {
            return new Outcome.NotFound();
        }
        if (row.get()[1].equals(operator)) {
            // four eyes: the asker can never be the approver
            audit.record(AuditEvent.named("authz_fail").outcome(AuditOutcome.DENIED).actor(operator).clientIp(ip)
                    .reason("ekyc.break_glass.self_approval").detail("request", requestId));
            return new Outcome.SameOperator();
        }
        Instant now = clock.instant();
        Instant expires = now.plus(WINDOW);
        Boolean done = transaction.execute(s -> {
            int n = jdbc.sql("""
                            UPDATE ekyc_break_glass SET approved_by = :by, approved_at = :now, expires_at = :exp
                            WHERE id = :id AND approved_by IS NULL AND expires_at > :now""")
                    .param("by", operator).param("now", now.toEpochMilli()).param("exp", expires.toEpochMilli()).param("id", requestId).update();
            if (n == 1) {
                audit.record(AuditEvent.named("break_glass_approved").actor(operator).clientIp(ip).subject("ekyc-image:" + row.get()[0])
                        .reason("ekyc.break_glass.approved").detail("request", requestId));
            }
            return n == 1;
        });
        return Boolean.TRUE.equals(done) ? new Outcome.Done(requestId, expires) : new Outcome.NotFound();
    }

    /** The original, once, for the operator who asked, after another approved; empty otherwise. */
    public Optional<byte[]> fetch(String requestId, String operator, String ip) {
        Optional<String[]> row = pending(requestId);
        if (row.isEmpty() || row.get()[2] == null || !row.get()[1].equals(operator)) {
            return Optional.empty();
        }
        long now = clock.millis();
        int n = jdbc.sql("UPDATE ekyc_break_glass SET used_at = :now WHERE id = :id AND used_at IS NULL AND approved_by IS NOT NULL AND expires_at > :now")
                .param("now", now).param("id", requestId).update();
        if (n != 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(vault.original(row.get()[0], operator, "ekyc.break_glass.original"));
        } catch (VaultException e) {
            // shredded (or unreadable) meanwhile: nothing to hand out, which is the same answer as "no such request"
            return Optional.empty();
        }
    }

    /** image id, requester, approver of a live (unexpired, unused) request. */
    private Optional<String[]> pending(String requestId) {
        if (Consents.parseUuid(requestId).isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT image_id, requested_by, approved_by FROM ekyc_break_glass WHERE id = :id AND used_at IS NULL AND expires_at > :now")
                .param("id", requestId).param("now", clock.millis())
                .query((rs, n) -> new String[]{rs.getString(1), rs.getString(2), rs.getString(3)}).optional();
    }
}
