package my.benteng.helpdesk.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.KeyedHash;
import my.benteng.platform.RandomIds;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.helpdesk.TicketStatus;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.messaging.TicketReference;
import my.benteng.platform.ClientIp;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Creates tickets and decides their acknowledgement. The acknowledgement is the fixed
 * {@link Template#HELPDESK_ACKNOWLEDGEMENT} with the reference as its only parameter; it is enqueued only when
 * the contact is verified, the message may be answered at all (RFC 3834, for inbound mail) and the recipient
 * had none in the last 7 days. The caller's answer is the same either way, so it says nothing about which.
 */
@Service
public class TicketService {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private final JdbcTickets tickets;
    private final Messaging messaging;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SecureRandom random;
    private final HelpdeskProperties properties;
    private final KeyedHash recipientKey;

    TicketService(JdbcTickets tickets, Messaging messaging, AuditLog audit, TransactionTemplate transaction, Clock clock,
                  SecureRandom random, HelpdeskProperties properties, HelpdeskKeys keys) {
        this.tickets = tickets;
        this.messaging = messaging;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
        this.random = random;
        this.properties = properties;
        this.recipientKey = new KeyedHash(keys.recipientKey());
    }

    /**
     * What the submitter is told: the reference. Whether an acknowledgement went out is for audit and tests only.
     *
     * @param acknowledgement {@code sent}, or the reason it was not
     */
    public record Submitted(TicketReference reference, String acknowledgement) {
    }

    /**
     * A new ticket, as one transaction with its audit event and (when allowed) its acknowledgement.
     *
     * @param verified   whether {@code contact} is proven
     * @param autoReplyRefusal an RFC 3834 reason not to answer automatically (inbound mail), or empty
     */
    public Submitted submit(TicketInput input, Contact contact, boolean verified, String citizenId, Ticket.Source source,
                            Optional<String> autoReplyRefusal, ClientIp ip) {
        for (int attempt = 0; ; attempt++) {
            try {
                return transaction.execute(status -> create(input, contact, verified, citizenId, source, autoReplyRefusal, ip));
            } catch (DuplicateKeyException e) {
                if (attempt >= 2) {
                    throw e; // three reference collisions in a row: something else is wrong
                }
            }
        }
    }

    private Submitted create(TicketInput input, Contact contact, boolean verified, String citizenId, Ticket.Source source,
                             Optional<String> autoReplyRefusal, ClientIp ip) {
        Instant now = clock.instant();
        TicketReference reference = newReference();
        tickets.insert(new Ticket(RandomIds.uuid(random), reference, input.category(), input.subject(), input.message(),
                contact, verified, citizenId, source, TicketStatus.OPEN, null, now, now));
        String acknowledgement;
        if (autoReplyRefusal.isPresent()) {
            acknowledgement = autoReplyRefusal.get();
        } else if (!verified) {
            acknowledgement = "helpdesk.ack.unverified_contact"; // nothing, ever, to an address nobody proved
        } else if (!tickets.claimAcknowledgement(recipientHash(contact), legacyRecipientHash(contact), now,
                now.minus(properties.acknowledgementInterval()))) {
            acknowledgement = "helpdesk.ack.recently_acknowledged";
        } else {
            messaging.enqueue(Template.HELPDESK_ACKNOWLEDGEMENT, contact, TemplateParameters.of("reference", reference));
            acknowledgement = "sent";
        }
        audit.record(AuditEvent.named("helpdesk_ticket_created").subject("ticket:" + reference.value()).clientIp(ip)
                .actor(citizenId == null ? null : "citizen:" + citizenId)
                .reason(acknowledgement.equals("sent") ? "helpdesk.ack.sent" : acknowledgement)
                .detail("source", source.name()).detail("category", input.category().name()).detail("verified", verified)
                .detail("contact", contact.toString()));
        return new Submitted(reference, acknowledgement);
    }

    /** The label of the helpdesk's acknowledgement hashes ({@link KeyedHash#contact}). */
    static final String ACKNOWLEDGEMENT_LABEL = "helpdesk.acknowledgement";

    /** Keyed, so the table of who was acknowledged is not a list of addresses; the form every module hashes contacts in. */
    String recipientHash(Contact contact) {
        return recipientKey.contact(ACKNOWLEDGEMENT_LABEL, contact);
    }

    /**
     * The form {@code helpdesk_acknowledgement} rows were stored in before {@link #recipientHash}: the exact value after the
     * channel. Such a row only matters inside one acknowledgement interval after it was written, so it is matched, not
     * rewritten, and goes stale on its own.
     */
    String legacyRecipientHash(Contact contact) {
        return recipientKey.hex(contact.channel() + ":" + contact.value());
    }

    /** 8 characters from a 32-letter alphabet without look-alikes (0/O, 1/I): 40 bits, from SecureRandom. */
    private TicketReference newReference() {
        char[] out = new char[8];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return TicketReference.of("HD-" + new String(out));
    }
}
