package my.benteng.account.internal;

import my.benteng.account.Citizen;
import my.benteng.account.Purpose;
import my.benteng.account.VerifiedContact;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Citizen rows stored before V37 hold the legacy contact hash: they must stay found by their contact, and the rewrite
 * to the current form must keep them found, leave a duplicate alone and change nothing when run again. Run on each
 * database; the rows are written as the code before V37 wrote them.
 */
abstract class CitizenContactHashContract {

    private static final java.util.concurrent.atomic.AtomicInteger NUMBERS = new java.util.concurrent.atomic.AtomicInteger();

    @Autowired
    JdbcCitizens citizens;
    @Autowired
    ContactHasher hasher;
    @Autowired
    CitizenContactRehash rehash;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aLegacyRowIsFoundByItsContactInEveryLookup() {
        Contact contact = newPhone();
        String id = legacyRow(contact);

        assertThat(citizens.findByContact(contact)).map(c -> c.id().value()).contains(id);
        assertThat(citizens.findAllByContact(List.of(contact, newPhone()))).hasSize(1).extractingByKey(contact)
                .extracting(c -> c.id().value()).isEqualTo(id);
        assertThat(citizens.contactRegistered(contact)).isTrue();
        assertThat(citizens.findOrRegister(new VerifiedContact(contact, Purpose.SIGN_UP), "Siti Aminah").id().value())
                .as("no second account").isEqualTo(id);
    }

    @Test
    void theRehashRewritesLegacyRowsToTheCurrentFormAndTheyAreStillFound() {
        Contact phone = newPhone();
        Contact email = Contact.of(EmailAddress.parse("Aminah." + UUID.randomUUID() + "@Contoh.my"));
        String phoneId = legacyRow(phone);
        String emailId = legacyRow(email);

        rehash.run();

        assertThat(stored(phoneId)).isEqualTo(List.of(hasher.hash(phone), "current"));
        assertThat(stored(emailId)).isEqualTo(List.of(hasher.hash(email), "current"));
        assertThat(citizens.findByContact(phone)).map(c -> c.id().value()).contains(phoneId);
        assertThat(citizens.findByContact(email)).map(c -> c.id().value()).contains(emailId);
        Contact otherCase = Contact.of(EmailAddress.parse(email.value().toUpperCase(java.util.Locale.ROOT)));
        assertThat(citizens.findByContact(otherCase)).as("the current form is the address without regard to case")
                .map(c -> c.id().value()).contains(emailId);
    }

    @Test
    void newRowsAreStoredInTheCurrentForm() {
        Contact contact = newPhone();
        Citizen citizen = citizens.findOrRegister(new VerifiedContact(contact, Purpose.SIGN_UP), "Siti Aminah");

        assertThat(stored(citizen.id().value())).isEqualTo(List.of(hasher.hash(contact), "current"));
    }

    @Test
    void aRowWhoseCurrentHashIsTakenStaysLegacyAndTheRestOfItsBatchIsRewritten() {
        String local = "Nur." + UUID.randomUUID();
        Contact upper = Contact.of(EmailAddress.parse(local + "@contoh.my"));
        Contact lower = Contact.of(EmailAddress.parse(local.toLowerCase(java.util.Locale.ROOT) + "@contoh.my"));
        // two citizens in the legacy form, whose addresses differ only in case: one current hash between them
        String upperId = legacyRow(upper);
        String lowerId = legacyRow(lower);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            others.add(legacyRow(newPhone()));
        }

        CitizenContactRehash.Result result = rehash.run();

        List<String> forms = List.of(stored(upperId).get(1), stored(lowerId).get(1));
        assertThat(forms).containsExactlyInAnyOrder("current", "legacy");
        assertThat(result.left()).isPositive();
        others.forEach(id -> assertThat(stored(id).get(1)).isEqualTo("current"));
        // each spelling still finds its own account; the rewritten one is found by any other spelling
        assertThat(citizens.findByContact(upper)).map(c -> c.id().value()).contains(upperId);
        assertThat(citizens.findByContact(lower)).map(c -> c.id().value()).contains(lowerId);
        assertThat(citizens.findAllByContact(List.of(upper, lower))).extractingByKeys(upper, lower)
                .extracting(c -> c.id().value()).containsExactly(upperId, lowerId);
        String rewritten = forms.get(0).equals("current") ? upperId : lowerId;
        Contact third = Contact.of(EmailAddress.parse(local.toUpperCase(java.util.Locale.ROOT) + "@contoh.my"));
        assertThat(citizens.findByContact(third)).map(c -> c.id().value()).contains(rewritten);
    }

    @Test
    void aRegistrationThatTakesACurrentHashWhileABatchRunsLeavesOnlyThatRowLegacy() throws Exception {
        String local = "Hana." + UUID.randomUUID();
        Contact legacy = Contact.of(EmailAddress.parse(local + "@contoh.my"));
        Contact registering = Contact.of(EmailAddress.parse(local.toLowerCase(java.util.Locale.ROOT) + "@contoh.my"));
        String legacyId = legacyRow(legacy);
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(legacyRow(newPhone()));
        }
        Citizen registered = new Citizen(new my.benteng.account.CitizenId(UUID.randomUUID().toString()), "Hana", registering,
                Instant.parse("2026-11-22T02:00:00Z"));

        java.util.concurrent.CompletableFuture<CitizenContactRehash.Result> run;
        TransactionTemplate registration = new TransactionTemplate(transactions);
        run = registration.execute(s -> {
            citizens.insert(registered); // not committed yet: the batch meets it on PostgreSQL's unique index and waits
            var started = java.util.concurrent.CompletableFuture.supplyAsync(rehash::run);
            sleep(500);
            return started;
        });
        run.get(30, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(stored(legacyId)).isEqualTo(List.of(hasher.legacyHash(legacy), "legacy"));
        assertThat(stored(registered.id().value())).isEqualTo(List.of(hasher.hash(registering), "current"));
        others.forEach(id -> assertThat(stored(id).get(1)).isEqualTo("current"));
        assertThat(citizens.findByContact(legacy)).map(c -> c.id().value()).contains(legacyId);
        assertThat(citizens.findByContact(registering)).map(c -> c.id()).contains(registered.id());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRowWhoseContactNoLongerParsesStaysLegacyAndStopsNothing() {
        String unreadable = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO citizen (id, name, contact_channel, contact, contact_hash, created_at)
                        VALUES (:id, 'Siti Aminah', 'SMS', '12', :hash, 0)""")
                .param("id", unreadable).param("hash", HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 32)).update();
        String readable = legacyRow(newPhone());
        try {
            rehash.run();

            assertThat(stored(unreadable).get(1)).isEqualTo("legacy");
            assertThat(stored(readable).get(1)).isEqualTo("current");
        } finally {
            jdbc.sql("DELETE FROM citizen WHERE id = :id").param("id", unreadable).update(); // no other test should meet it
        }
    }

    @Test
    void aSecondRunChangesNothing() {
        Contact contact = newPhone();
        String id = legacyRow(contact);
        rehash.run();
        List<String> after = stored(id);

        CitizenContactRehash.Result second = rehash.run();

        assertThat(second.rewritten()).isZero();
        assertThat(stored(id)).isEqualTo(after);
    }

    @Test
    void moreLegacyRowsThanOneBatchAreAllRewritten() {
        List<String> ids = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(s -> {
            for (int i = 0; i < CitizenContactRehash.BATCH + 20; i++) {
                ids.add(legacyRow(newPhone()));
            }
        });

        CitizenContactRehash.Result result = rehash.run();

        assertThat(result.rewritten()).isGreaterThanOrEqualTo(ids.size());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM citizen WHERE contact_hash_form = 'legacy' AND id IN (:ids)")
                .param("ids", ids).query(Long.class).single()).isZero();
    }

    /** A citizen row as the code before V37 wrote it: the legacy hash, and no form (the migration's default). */
    private String legacyRow(Contact contact) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                        INSERT INTO citizen (id, name, contact_channel, contact, contact_hash, created_at)
                        VALUES (:id, 'Siti Aminah', :channel, :contact, :hash, :at)""")
                .param("id", id).param("channel", contact.channel().name()).param("contact", contact.value())
                .param("hash", hasher.legacyHash(contact)).param("at", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli()).update();
        return id;
    }

    private List<String> stored(String id) {
        return jdbc.sql("SELECT contact_hash, contact_hash_form FROM citizen WHERE id = :id").param("id", id)
                .query((rs, n) -> List.of(rs.getString("contact_hash").strip(), rs.getString("contact_hash_form"))).single();
    }

    /** Numbers of a range no other test uses (+60 11-7…), one after another: 500+ random ones would meet each other. */
    private static Contact newPhone() {
        return Contact.of(PhoneNumber.parse(String.format("+60117%07d", NUMBERS.incrementAndGet())));
    }
}
