package my.benteng.ekyc.internal;

import my.benteng.platform.RandomIds;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.platform.InvalidValueException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Registration and lookup of relying parties and their signing keys. */
@Component
public class RelyingParties {

    private static final Pattern PURPOSE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} .,&'()/-]{2,200}");
    private static final Period MAX_RETENTION = Period.ofYears(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final KeyVault vault;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;

    RelyingParties(JdbcClient jdbc, TransactionTemplate transaction, KeyVault vault, AuditLog audit, Clock clock, SecureRandom random) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.vault = vault;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    /** A new relying party and its API secret, which is returned here once and never again. */
    public record Registered(RelyingParty party, String apiSecret) {
        @Override
        public String toString() {
            return "Registered[" + party.id() + ", secret=redacted]";
        }
    }

    public Registered register(String name, List<String> purposes, String retention, List<String> cidrs, String actor, String clientIp) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValueException("name", "must be 2-200 letters, digits, spaces or .,&'()/-");
        }
        if (purposes == null || purposes.isEmpty() || purposes.size() > 20) {
            throw new InvalidValueException("purposes", "must list 1-20 purposes");
        }
        Set<String> purposeSet = new LinkedHashSet<>();
        for (String p : purposes) {
            if (p == null || !PURPOSE.matcher(p).matches()) {
                throw new InvalidValueException("purposes", "each must be 2-40 upper-case letters, digits or _");
            }
            purposeSet.add(p);
        }
        Period period = retention(retention);
        if (cidrs == null || cidrs.isEmpty() || cidrs.size() > 50) {
            throw new InvalidValueException("allowedCidrs", "must list 1-50 networks");
        }
        List<SourceNetwork> networks = cidrs.stream().map(SourceNetwork::parse).toList();
        String id = RandomIds.uuid(random);
        String keyId = "rp_" + token(12);
        String secret = token(32);
        RelyingParty party = new RelyingParty(id, name, purposeSet, period, networks, keyId, false);
        // only the SHA-256 of the secret is kept, and sealed: an HMAC verifier needs the key itself, so a plain
        // hash in the database would let a database copy sign requests
        byte[] sealed = vault.wrap(signingKey(secret), ad(keyId));
        transaction.executeWithoutResult(s -> {
            jdbc.sql("""
                            INSERT INTO ekyc_relying_party (id, name, purposes, retention, allowed_cidrs, key_id, key_sealed, created_by, created_at)
                            VALUES (:id, :name, :purposes, :retention, :cidrs, :keyId, :sealed, :by, :at)""")
                    .param("id", id).param("name", name).param("purposes", String.join(",", purposeSet))
                    .param("retention", period.toString()).param("cidrs", String.join(",", networks.stream().map(SourceNetwork::toString).toList()))
                    .param("keyId", keyId).param("sealed", Base64.getEncoder().encodeToString(sealed))
                    .param("by", actor).param("at", clock.millis()).update();
            audit.record(AuditEvent.named("sensitive_create").actor(actor).clientIp(clientIp).subject("relying-party:" + id)
                    .reason("ekyc.relying_party.registered").detail("purposes", String.join(",", purposeSet)).detail("retention", period));
        });
        return new Registered(party, secret);
    }

    Optional<RelyingParty> find(String id) {
        return jdbc.sql("SELECT id, name, purposes, retention, allowed_cidrs, key_id, disabled_at FROM ekyc_relying_party WHERE id = :id")
                .param("id", id).query(this::row).optional();
    }

    Optional<RelyingParty> findByKeyId(String keyId) {
        return jdbc.sql("SELECT id, name, purposes, retention, allowed_cidrs, key_id, disabled_at FROM ekyc_relying_party WHERE key_id = :k")
                .param("k", keyId).query(this::row).optional();
    }

    /** The HMAC key of a relying party's signatures. */
    byte[] signingKeyOf(RelyingParty party) {
        String sealed = jdbc.sql("SELECT key_sealed FROM ekyc_relying_party WHERE id = :id").param("id", party.id()).query(String.class).single();
        return vault.unwrap(Base64.getDecoder().decode(sealed), ad(party.keyId()));
    }

    public boolean disable(String id, String actor, String clientIp) {
        return Boolean.TRUE.equals(transaction.execute(s -> {
            int n = jdbc.sql("UPDATE ekyc_relying_party SET disabled_at = :now WHERE id = :id AND disabled_at IS NULL")
                    .param("now", clock.millis()).param("id", id).update();
            if (n == 1) {
                audit.record(AuditEvent.named("sensitive_update").actor(actor).clientIp(clientIp).subject("relying-party:" + id)
                        .reason("ekyc.relying_party.disabled"));
            }
            return n == 1;
        }));
    }

    /** What a relying party derives from its API secret to sign: SHA-256 of the secret's UTF-8 bytes. */
    static byte[] signingKey(String apiSecret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(apiSecret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Period retention(String text) {
        Period period;
        try {
            period = text == null ? null : Period.parse(text);
        } catch (DateTimeParseException e) {
            period = null;
        }
        if (period == null || period.isNegative() || period.isZero()
                || period.toTotalMonths() * 31 + period.getDays() > MAX_RETENTION.toTotalMonths() * 31) {
            throw new InvalidValueException("retention", "must be an ISO-8601 period from P1D to P10Y");
        }
        return period;
    }

    private static byte[] ad(String keyId) {
        return ("benteng-ekyc-rp-key:" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private RelyingParty row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        String cidrs = rs.getString(5);
        return new RelyingParty(rs.getString(1), rs.getString(2), new LinkedHashSet<>(Arrays.asList(rs.getString(3).split(","))),
                Period.parse(rs.getString(4)), cidrs.isEmpty() ? List.of() : Arrays.stream(cidrs.split(",")).map(SourceNetwork::parse).toList(),
                rs.getString(6), rs.getObject(7) != null);
    }
}
