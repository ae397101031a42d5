package my.benteng.account.internal;

import my.benteng.platform.Channel;
import my.benteng.platform.Contact;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.RandomIds;
import my.benteng.account.Citizen;
import my.benteng.account.CitizenId;
import my.benteng.account.Citizens;
import my.benteng.account.VerifiedContact;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Citizen rows; the only code that reads or writes the {@code citizen} table. */
@Repository
class JdbcCitizens implements Citizens {

    private static final RowMapper<Citizen> CITIZEN = (rs, n) -> new Citizen(new CitizenId(rs.getString("id")), rs.getString("name"),
            Contact.parse(Channel.valueOf(rs.getString("contact_channel")), rs.getString("contact")), Instant.ofEpochMilli(rs.getLong("created_at")));

    private final JdbcClient jdbc;
    private final ContactHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate transaction;

    JdbcCitizens(JdbcClient jdbc, ContactHasher hasher, AuditLog audit, Clock clock, SecureRandom random,
                 PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public Citizen findOrRegister(VerifiedContact verified, String name) {
        Contact contact = verified.contact();
        Optional<Citizen> existing = findByContact(contact);
        if (existing.isPresent()) {
            return existing.get();
        }
        Citizen citizen = new Citizen(new CitizenId(RandomIds.uuid(random)), CitizenName.parse(name), contact, Instant.ofEpochMilli(clock.millis()));
        try {
            transaction.executeWithoutResult(status -> {
                insert(citizen);
                audit.record(AuditEvent.named("user_created").actor("citizen:" + citizen.id()).subject(contact)
                        .reason("account.citizen.registered_by:" + verified.purpose().name().toLowerCase(java.util.Locale.ROOT)));
            });
            return citizen;
        } catch (DataIntegrityViolationException raced) {
            return findByContact(contact).orElseThrow(() -> raced); // a parallel registration for the same contact won
        }
    }

    @Override
    public Optional<Citizen> find(CitizenId id) {
        return jdbc.sql("SELECT id, name, contact_channel, contact, created_at FROM citizen WHERE id = :id")
                .param("id", id.value()).query(CITIZEN).optional();
    }

    @Override
    public Optional<Contact> contactOf(CitizenId id) {
        return find(id).map(Citizen::contact);
    }

    @Override
    public Optional<Citizen> findByContact(Contact contact) {
        return jdbc.sql("SELECT id, name, contact_channel, contact, created_at FROM citizen WHERE contact_hash IN (:hashes)")
                .param("hashes", List.of(hasher.hash(contact), hasher.legacyHash(contact))).query(CITIZEN).list().stream()
                .reduce((a, b) -> preferred(contact, a, b));
    }

    /**
     * Of two rows matching one contact, the one that holds exactly this contact. Two match only while a legacy row is left
     * that could not be rewritten: e-mail addresses that differ only in case were two citizens in the legacy form, whose
     * current hashes are one. Each keeps its own account; a third spelling finds the rewritten one.
     */
    private static Citizen preferred(Contact contact, Citizen a, Citizen b) {
        return !a.contact().value().equals(contact.value()) && b.contact().value().equals(contact.value()) ? b : a;
    }

    /** Ids or hashes per IN list. */
    private static final int KEYS_PER_STATEMENT = 500;

    @Override
    public Map<CitizenId, Citizen> findAll(Collection<CitizenId> ids) {
        Map<CitizenId, Citizen> found = new HashMap<>();
        List<String> keys = ids.stream().map(CitizenId::value).distinct().toList();
        for (int i = 0; i < keys.size(); i += KEYS_PER_STATEMENT) {
            jdbc.sql("SELECT id, name, contact_channel, contact, created_at FROM citizen WHERE id IN (:ids)")
                    .param("ids", keys.subList(i, Math.min(keys.size(), i + KEYS_PER_STATEMENT))).query(CITIZEN).list()
                    .forEach(c -> found.put(c.id(), c));
        }
        return found;
    }

    @Override
    public Map<Contact, Citizen> findAllByContact(Collection<Contact> contacts) {
        // a list per hash: two inputs that differ only in an e-mail's case share their current hash
        Map<String, List<Contact>> byHash = new HashMap<>();
        for (Contact c : new java.util.LinkedHashSet<>(contacts)) {
            byHash.computeIfAbsent(hasher.hash(c), h -> new ArrayList<>()).add(c);
            byHash.computeIfAbsent(hasher.legacyHash(c), h -> new ArrayList<>()).add(c);
        }
        List<String> hashes = List.copyOf(byHash.keySet());
        Map<Contact, Citizen> found = new HashMap<>();
        for (int i = 0; i < hashes.size(); i += KEYS_PER_STATEMENT) {
            jdbc.sql("SELECT id, name, contact_channel, contact, created_at, contact_hash FROM citizen WHERE contact_hash IN (:hashes)")
                    .param("hashes", hashes.subList(i, Math.min(hashes.size(), i + KEYS_PER_STATEMENT)))
                    .query((rs, n) -> {
                        Citizen citizen = CITIZEN.mapRow(rs, n);
                        byHash.get(rs.getString("contact_hash")).forEach(c -> found.merge(c, citizen, (a, b) -> preferred(c, a, b)));
                        return citizen;
                    }).list();
        }
        return found;
    }

    boolean contactRegistered(Contact contact) {
        return jdbc.sql("SELECT COUNT(*) FROM citizen WHERE contact_hash IN (:hashes)")
                .param("hashes", List.of(hasher.hash(contact), hasher.legacyHash(contact))).query(Long.class).single() > 0;
    }

    /** Inserts a citizen; a registered contact fails with the unique index (DataIntegrityViolationException). */
    void insert(Citizen citizen) {
        jdbc.sql("""
                        INSERT INTO citizen (id, name, contact_channel, contact, contact_hash, contact_hash_form, created_at)
                        VALUES (:id, :name, :channel, :contact, :hash, 'current', :at)
                        """)
                .param("id", citizen.id().value()).param("name", citizen.name()).param("channel", citizen.contact().channel().name())
                .param("contact", citizen.contact().value()).param("hash", hasher.hash(citizen.contact()))
                .param("at", citizen.createdAt().toEpochMilli()).update();
    }

    /** A citizen row whose contact hash is still in the legacy form; {@code contact} null when it no longer parses. */
    record LegacyRow(String id, Contact contact) {
    }

    /** Up to {@code limit} legacy rows with ids after {@code afterId}, in id order (the partial index on legacy rows). */
    List<LegacyRow> legacyRows(String afterId, int limit) {
        return jdbc.sql("""
                        SELECT id, contact_channel, contact FROM citizen WHERE contact_hash_form = 'legacy' AND id > :after
                        ORDER BY id LIMIT :limit""")
                .param("after", afterId).param("limit", limit)
                .query((rs, n) -> new LegacyRow(rs.getString("id"), parsedOrNull(rs.getString("contact_channel"), rs.getString("contact"))))
                .list();
    }

    /** A stored contact that today's rules refuse (e.g. a number range withdrawn since) is left as it is, not a failure. */
    private static Contact parsedOrNull(String channel, String value) {
        try {
            return Contact.parse(Channel.valueOf(channel), value);
        } catch (InvalidValueException e) {
            return null;
        }
    }

    /**
     * Rewrites these legacy rows to the current form, in one transaction: all or none. A row whose current hash another
     * row holds already is left as it is.
     *
     * @return how many were rewritten (a row another node rewrote first is not counted)
     * @throws DataIntegrityViolationException on PostgreSQL, when another transaction took a row's current hash while
     *                                         this one ran (then nothing changed; SQLite runs one writer at a time)
     */
    int rehash(List<LegacyRow> rows) {
        return transaction.execute(status -> {
            int changed = 0;
            for (LegacyRow row : rows) {
                changed += rehash(row);
            }
            return changed;
        });
    }

    /** Rewrites one legacy row in its own statement; see {@link #rehash(List)}. */
    int rehash(LegacyRow row) {
        // only while still legacy: the rewrite is idempotent, and nodes rewriting at once need no lock. Not over a row that
        // holds the hash already: SQLite reports that violation without a SQL state, so Spring could not name it.
        return jdbc.sql("""
                        UPDATE citizen SET contact_hash = :hash, contact_hash_form = 'current'
                        WHERE id = :id AND contact_hash_form = 'legacy'
                        AND NOT EXISTS (SELECT 1 FROM citizen other WHERE other.contact_hash = :hash)""")
                .param("hash", hasher.hash(row.contact())).param("id", row.id()).update();
    }
}
