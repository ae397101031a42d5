package my.benteng.account.internal;

import my.benteng.platform.RandomIds;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.IssuedSession;
import my.benteng.account.Sessions;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.platform.BearerAuthenticator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Opaque bearer sessions in the {@code account_session} table, and the {@link BearerAuthenticator} that
 * resolves them on every request. A session ends at the first of: its absolute expiry, an idle period
 * longer than the idle timeout, or revocation.
 */
@Service
class JdbcSessions implements Sessions, BearerAuthenticator {

    /** 256 bits from SecureRandom, base64url: 43 characters. */
    private static final int TOKEN_BYTES = 32;
    private static final Pattern ROLE = Pattern.compile("[A-Z][A-Z_]{0,31}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random;
    private final AuditLog audit;
    private final AccountProperties properties;
    private final SessionTouches touches;
    private final TransactionTemplate transaction;

    JdbcSessions(JdbcClient jdbc, Clock clock, SecureRandom random, AuditLog audit, AccountProperties properties, SessionTouches touches,
                 PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.touches = touches;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.properties = properties;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * SHA-256, unsalted and fast, is the right hash here: the token carries 256 bits from SecureRandom, so
     * there is nothing to brute-force and no dictionary to salt against; a slow hash would only make every
     * request slower. The database therefore holds nothing that could be replayed as a token.
     */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is unavailable");
        }
    }

    @Override
    public IssuedSession issue(AccountRef account, Set<String> roles) {
        Set<String> sorted = new TreeSet<>(roles);
        for (String role : sorted) {
            if (!ROLE.matcher(role).matches()) {
                throw new IllegalArgumentException("a role is an upper-case name without prefix");
            }
        }
        String token = RandomIds.token(random, TOKEN_BYTES);
        String id = RandomIds.uuid(random);
        long now = clock.millis();
        Duration lifetime = account.kind() == AccountKind.STAFF ? properties.staffSessionLifetime() : properties.citizenSessionLifetime();
        long expiresAt = now + lifetime.toMillis();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                            INSERT INTO account_session (id, token_hash, account_kind, account_id, roles, created_at, last_used_at, expires_at)
                            VALUES (:id, :hash, :kind, :account, :roles, :now, :now, :expires)
                            """)
                    .param("id", id).param("hash", hash(token)).param("kind", account.kind().name()).param("account", account.id())
                    .param("roles", String.join(",", sorted)).param("now", now).param("expires", expiresAt).update();
            audit.record(AuditEvent.named("session_created").actor(actor(account)).subject(id)
                    .detail("kind", account.kind()).detail("roles", String.join(",", sorted)));
        });
        return new IssuedSession(token, id, Instant.ofEpochMilli(expiresAt), properties.sessionIdleTimeout());
    }

    @Override
    public Optional<Authentication> authenticate(String token) {
        long now = clock.millis();
        Optional<Row> found = jdbc.sql("""
                        SELECT id, account_kind, account_id, roles, last_used_at, expires_at, ended_at
                        FROM account_session WHERE token_hash = :hash
                        """)
                .param("hash", hash(token))
                .query((rs, n) -> new Row(rs.getString(1), AccountKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6), rs.getObject(7) != null))
                .optional();
        if (found.isEmpty() || found.get().ended()) {
            return Optional.empty();
        }
        Row row = found.get();
        if (now >= row.expiresAt()) {
            end(row, "expired", now);
            return Optional.empty();
        }
        // last use is recorded at most once per interval (and written in the background, read through here), so the
        // idle timeout is exact to that interval and errs on the side of ending a session early
        long lastUsed = touches.lastUsed(row.id(), row.lastUsedAt());
        if (now - lastUsed >= properties.sessionIdleTimeout().toMillis()) {
            end(row, "idle", now);
            return Optional.empty();
        }
        if (now - lastUsed >= properties.lastUsedWriteInterval().toMillis()) {
            touches.touch(row.id(), now); // no commit on the request's path
        }
        Set<String> roles = row.roles().isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(row.roles().split(",")));
        AccountPrincipal principal = new AccountPrincipal(row.kind(), row.accountId(), roles, row.id());
        List<SimpleGrantedAuthority> authorities = roles.stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList();
        return Optional.of(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
    }

    @Override
    public boolean revoke(String sessionId) {
        long now = clock.millis();
        Boolean ended = transaction.execute(status -> {
            Optional<AccountRef> owner = jdbc.sql("SELECT account_kind, account_id FROM account_session WHERE id = :id AND ended_at IS NULL")
                    .param("id", sessionId)
                    .query((rs, n) -> new AccountRef(AccountKind.valueOf(rs.getString(1)), rs.getString(2))).optional();
            if (owner.isEmpty() || endSession(sessionId, "revoked", now) == 0) {
                return false;
            }
            audit.record(AuditEvent.named("authn_token_revoked").actor(actor(owner.get())).subject(sessionId).reason("account.session.sign_out"));
            return true;
        });
        return Boolean.TRUE.equals(ended);
    }

    @Override
    public int revokeAll(AccountRef account) {
        long now = clock.millis();
        Integer count = transaction.execute(status -> {
            int n = jdbc.sql("""
                            UPDATE account_session SET ended_at = :now, end_reason = 'revoked'
                            WHERE account_kind = :kind AND account_id = :account AND ended_at IS NULL
                            """)
                    .param("now", now).param("kind", account.kind().name()).param("account", account.id()).update();
            if (n > 0) {
                audit.record(AuditEvent.named("authn_token_revoked").subject(actor(account)).reason("account.session.revoke_all")
                        .detail("sessions", n));
            }
            return n;
        });
        return count == null ? 0 : count;
    }

    /** Ended sessions and those past their absolute expiry are kept a day for investigations, then deleted. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void purge() {
        long cutoff = clock.millis() - Duration.ofDays(1).toMillis();
        jdbc.sql("DELETE FROM account_session WHERE expires_at < :cutoff OR ended_at < :cutoff").param("cutoff", cutoff).update();
    }

    /** Marks an expired session ended and audits it once (the first request that finds it expired). */
    private void end(Row row, String reason, long now) {
        transaction.executeWithoutResult(status -> {
            if (endSession(row.id(), reason, now) == 1) {
                audit.record(AuditEvent.named("session_expired").actor(actor(new AccountRef(row.kind(), row.accountId())))
                        .subject(row.id()).reason("account.session." + reason));
            }
        });
    }

    private int endSession(String id, String reason, long now) {
        return jdbc.sql("UPDATE account_session SET ended_at = :now, end_reason = :reason WHERE id = :id AND ended_at IS NULL")
                .param("now", now).param("reason", reason).param("id", id).update();
    }

    static String actor(AccountRef account) {
        return account.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + account.id();
    }

    private record Row(String id, AccountKind kind, String accountId, String roles, long lastUsedAt, long expiresAt, boolean ended) {
    }
}
