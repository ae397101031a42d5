package my.benteng.shield.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.platform.InvalidValueException;
import my.benteng.shield.Registry;
import my.benteng.shield.RegistryEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** The operator registry in table {@code shield_registry_entry}; every change is audited. */
class JdbcRegistry implements Registry, RegistryLookup {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,15}");
    static final int MAX_REASON = 200;
    private static final int MIN_NUMBER_DIGITS = 6;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random;
    private final AuditLog audit;
    private final Duration maxLifetime;
    /** Live entries as of {@code loadedAt}; null or stale: read again. */
    private volatile Snapshot snapshot;

    /**
     * Every assessment asks the registry, attackers' included; reading it from the database each time cost a query
     * per refusal. A node keeps the live entries in memory for {@link #REFRESH_MILLIS} (its own changes apply at
     * once; another node's within that time). A registry too large to hold is asked per lookup as before.
     */
    private record Snapshot(java.util.Map<String, List<RegistryEntry>> byDigits, long loadedAt) {
    }

    private static final long REFRESH_MILLIS = 2_000;
    private static final int MAX_CACHED_ENTRIES = 100_000;

    JdbcRegistry(JdbcClient jdbc, Clock clock, SecureRandom random, AuditLog audit, Duration maxLifetime) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.random = random;
        this.audit = audit;
        this.maxLifetime = maxLifetime;
    }

    @Override
    @Transactional
    public RegistryEntry add(RegistryEntry.Draft draft, String createdBy) {
        Instant now = clock.instant();
        if (draft == null || draft.action() == null) {
            throw new InvalidValueException("action", "is required");
        }
        if (draft.match() == null) {
            throw new InvalidValueException("match", "is required");
        }
        String digits = draft.digits();
        if (digits == null || !DIGITS.matcher(digits).matches()) {
            throw new InvalidValueException("digits", "must be 1 to 15 digits (E.164 without '+')");
        }
        if (draft.match() == RegistryEntry.Match.NUMBER && digits.length() < MIN_NUMBER_DIGITS) {
            throw new InvalidValueException("digits", "is too short for a whole number");
        }
        String reason = draft.reason() == null ? "" : draft.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw new InvalidValueException("reason", "must be 1 to " + MAX_REASON + " characters");
        }
        if (reason.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("reason", "must not contain control characters");
        }
        if (draft.expiresAt() == null || !draft.expiresAt().isAfter(now)) {
            throw new InvalidValueException("expiresAt", "must be in the future");
        }
        if (draft.expiresAt().isAfter(now.plus(maxLifetime))) {
            throw new InvalidValueException("expiresAt", "is too far in the future");
        }
        String by = createdBy == null || createdBy.isBlank() ? "unknown" : createdBy.substring(0, Math.min(100, createdBy.length()));
        byte[] id = new byte[16];
        random.nextBytes(id);
        RegistryEntry entry = new RegistryEntry(HexFormat.of().formatHex(id), draft.action(), draft.match(), digits, reason, by,
                Instant.ofEpochMilli(now.toEpochMilli()), Instant.ofEpochMilli(draft.expiresAt().toEpochMilli()));
        jdbc.sql("""
                        INSERT INTO shield_registry_entry (id, action, match_kind, digits, reason, created_by, created_at, expires_at)
                        VALUES (:id, :action, :match, :digits, :reason, :by, :at, :expires)
                        """)
                .param("id", entry.id()).param("action", entry.action().name()).param("match", entry.match().name())
                .param("digits", digits).param("reason", reason).param("by", by).param("at", entry.createdAt().toEpochMilli())
                .param("expires", entry.expiresAt().toEpochMilli()).update();
        invalidate();
        audit.record(AuditEvent.named("shield_registry_entry_added").actor(by).subject(masked(entry))
                .detail("id", entry.id()).detail("action", entry.action()).detail("match", entry.match())
                .detail("expires_at", entry.expiresAt()));
        return entry;
    }

    @Override
    @Transactional
    public boolean remove(String id, String removedBy) {
        if (id == null || !id.matches("[0-9a-f]{32}")) {
            return false;
        }
        List<RegistryEntry> existing = jdbc.sql("SELECT * FROM shield_registry_entry WHERE id = :id").param("id", id)
                .query(JdbcRegistry::row).list();
        if (existing.isEmpty()) {
            return false;
        }
        jdbc.sql("DELETE FROM shield_registry_entry WHERE id = :id").param("id", id).update();
        invalidate();
        audit.record(AuditEvent.named("shield_registry_entry_removed").actor(removedBy).subject(masked(existing.getFirst()))
                .detail("id", id).detail("action", existing.getFirst().action()));
        return true;
    }

    @Override
    public List<RegistryEntry> list() {
        return jdbc.sql("SELECT * FROM shield_registry_entry WHERE expires_at > :now ORDER BY created_at DESC, id")
                .param("now", clock.millis()).query(JdbcRegistry::row).list();
    }

    @Override
    public List<RegistryEntry> matching(String e164Digits, Instant now) {
        Snapshot known = current(now.toEpochMilli());
        if (known != null) {
            List<RegistryEntry> found = new ArrayList<>(2);
            for (int i = 1; i <= e164Digits.length(); i++) {
                for (RegistryEntry e : known.byDigits().getOrDefault(e164Digits.substring(0, i), List.of())) {
                    if (e.expiresAt().isAfter(now) && e.covers(e164Digits)) {
                        found.add(e);
                    }
                }
            }
            return found;
        }
        List<String> candidates = new ArrayList<>(e164Digits.length());
        for (int i = 1; i <= e164Digits.length(); i++) {
            candidates.add(e164Digits.substring(0, i));
        }
        return jdbc.sql("SELECT * FROM shield_registry_entry WHERE digits IN (:digits) AND expires_at > :now")
                .param("digits", candidates).param("now", now.toEpochMilli()).query(JdbcRegistry::row).list()
                .stream().filter(e -> e.covers(e164Digits)).toList();
    }

    /** Drops the snapshot now and again after the commit, so a reload racing the transaction cannot keep the old view. */
    private void invalidate() {
        snapshot = null;
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            snapshot = null;
                        }
                    });
        }
    }

    /** The in-memory entries, loaded again when stale; null when the registry is too large to hold. */
    private Snapshot current(long now) {
        Snapshot s = snapshot;
        if (s != null && now >= s.loadedAt() && now - s.loadedAt() < REFRESH_MILLIS) {
            return s.byDigits() == null ? null : s;
        }
        List<RegistryEntry> live = jdbc.sql("SELECT * FROM shield_registry_entry WHERE expires_at > :now LIMIT :max")
                .param("now", now).param("max", MAX_CACHED_ENTRIES + 1).query(JdbcRegistry::row).list();
        java.util.Map<String, List<RegistryEntry>> byDigits = null;
        if (live.size() <= MAX_CACHED_ENTRIES) {
            byDigits = new java.util.HashMap<>();
            for (RegistryEntry e : live) {
                byDigits.computeIfAbsent(e.digits(), d -> new ArrayList<>(1)).add(e);
            }
        }
        Snapshot loaded = new Snapshot(byDigits, now);
        snapshot = loaded;
        return byDigits == null ? null : loaded;
    }

    /** Whole numbers are personal data: the audit log gets them masked like {@code PhoneNumber} does. */
    static String masked(RegistryEntry entry) {
        String d = entry.digits();
        String kind = entry.match() == RegistryEntry.Match.PREFIX ? "prefix:" : "number:";
        if (entry.match() == RegistryEntry.Match.PREFIX && d.length() <= 7) {
            return kind + d;
        }
        int head = Math.min(4, d.length() / 2);
        int tail = Math.min(2, Math.max(0, d.length() - head - 1));
        return kind + d.substring(0, head) + "*".repeat(d.length() - head - tail) + d.substring(d.length() - tail);
    }

    private static RegistryEntry row(ResultSet rs, int n) throws SQLException {
        return new RegistryEntry(rs.getString("id"), RegistryEntry.Action.valueOf(rs.getString("action")),
                RegistryEntry.Match.valueOf(rs.getString("match_kind")), rs.getString("digits"), rs.getString("reason"),
                rs.getString("created_by"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")));
    }
}
