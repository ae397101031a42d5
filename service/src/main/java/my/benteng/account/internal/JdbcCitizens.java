package my.benteng.account.internal;

import my.benteng.platform.Channel;
import my.benteng.platform.Contact;
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
        return jdbc.sql("SELECT id, name, contact_channel, contact, created_at FROM citizen WHERE contact_hash = :hash")
                .param("hash", hasher.hash(contact)).query(CITIZEN).optional();
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
        Map<String, Contact> byHash = new HashMap<>();
        contacts.forEach(c -> byHash.put(hasher.hash(c), c));
        List<String> hashes = List.copyOf(byHash.keySet());
        Map<Contact, Citizen> found = new HashMap<>();
        for (int i = 0; i < hashes.size(); i += KEYS_PER_STATEMENT) {
            jdbc.sql("SELECT id, name, contact_channel, contact, created_at, contact_hash FROM citizen WHERE contact_hash IN (:hashes)")
                    .param("hashes", hashes.subList(i, Math.min(hashes.size(), i + KEYS_PER_STATEMENT)))
                    .query((rs, n) -> found.put(byHash.get(rs.getString("contact_hash")), CITIZEN.mapRow(rs, n))).list();
        }
        return found;
    }

    boolean contactRegistered(Contact contact) {
        return jdbc.sql("SELECT COUNT(*) FROM citizen WHERE contact_hash = :hash").param("hash", hasher.hash(contact))
                .query(Long.class).single() > 0;
    }

    /** Inserts a citizen; a registered contact fails with the unique index (DataIntegrityViolationException). */
    void insert(Citizen citizen) {
        jdbc.sql("""
                        INSERT INTO citizen (id, name, contact_channel, contact, contact_hash, created_at)
                        VALUES (:id, :name, :channel, :contact, :hash, :at)
                        """)
                .param("id", citizen.id().value()).param("name", citizen.name()).param("channel", citizen.contact().channel().name())
                .param("contact", citizen.contact().value()).param("hash", hasher.hash(citizen.contact()))
                .param("at", citizen.createdAt().toEpochMilli()).update();
    }
}
