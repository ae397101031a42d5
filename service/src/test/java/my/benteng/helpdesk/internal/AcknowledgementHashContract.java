package my.benteng.helpdesk.internal;

import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acknowledgements recorded before the current hash form (rows under the legacy hash) keep counting inside their
 * 7-day window, so the upgrade sends nobody a second one early; run on each database.
 */
abstract class AcknowledgementHashContract {

    @Autowired
    TicketService tickets;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void holdTheClock() {
        TestClock.INSTANCE.set(Instant.parse("2026-11-22T02:00:00Z")); // reset after each test
    }

    @Test
    void aLegacyAcknowledgementInsideTheWindowBlocksTheNextOne() throws Exception {
        Contact contact = newEmail();
        legacyAcknowledgement(contact, Duration.ofDays(6));

        assertThat(submit(contact)).isEqualTo("helpdesk.ack.recently_acknowledged");
        assertThat(sentAt(tickets.recipientHash(contact))).as("nothing claimed in the current form").isEmpty();
    }

    @Test
    void aLegacyAcknowledgementOlderThanTheWindowBlocksNothing() throws Exception {
        Contact contact = newEmail();
        legacyAcknowledgement(contact, Duration.ofDays(8));

        assertThat(submit(contact)).isEqualTo("sent");
        assertThat(sentAt(tickets.recipientHash(contact))).contains(TestClock.INSTANCE.millis());
        assertThat(submit(contact)).as("and the current row counts from now").isEqualTo("helpdesk.ack.recently_acknowledged");
    }

    @Test
    void theLegacyRowOfAnotherSpellingOfTheAddressDoesNotCountButTheCurrentRowDoes() throws Exception {
        // the legacy form kept the local part's case: its row names only the exact spelling it was made for
        Contact stored = Contact.of(EmailAddress.parse("Ack." + UUID.randomUUID() + "@contoh.my"));
        Contact otherSpelling = Contact.of(EmailAddress.parse(stored.value().toLowerCase(java.util.Locale.ROOT)));
        legacyAcknowledgement(stored, Duration.ofDays(1));

        assertThat(submit(otherSpelling)).isEqualTo("sent");
        assertThat(submit(stored)).as("one current row for every spelling").isEqualTo("helpdesk.ack.recently_acknowledged");
    }

    private String submit(Contact contact) throws Exception {
        return tickets.submit(TicketInput.parse("GENERAL", "Kod tidak sampai", "Saya tidak menerima kod."), contact, true, null,
                Ticket.Source.WEB, Optional.empty(), new ClientIp(InetAddress.getByName("2001:db8:ac::1"))).acknowledgement();
    }

    /** An acknowledgement as recorded before the current form: under the legacy hash, {@code ago} before now. */
    private void legacyAcknowledgement(Contact contact, Duration ago) {
        jdbc.sql("INSERT INTO helpdesk_acknowledgement (recipient_hash, sent_at) VALUES (:h, :at)")
                .param("h", tickets.legacyRecipientHash(contact)).param("at", TestClock.INSTANCE.millis() - ago.toMillis()).update();
    }

    private Optional<Long> sentAt(String hash) {
        return jdbc.sql("SELECT sent_at FROM helpdesk_acknowledgement WHERE recipient_hash = :h").param("h", hash)
                .query(Long.class).optional();
    }

    private static Contact newEmail() {
        return Contact.of(EmailAddress.parse("ack." + UUID.randomUUID() + "@contoh.my"));
    }
}
