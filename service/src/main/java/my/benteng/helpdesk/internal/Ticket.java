package my.benteng.helpdesk.internal;

import my.benteng.helpdesk.TicketCategory;
import my.benteng.helpdesk.TicketStatus;
import my.benteng.messaging.TicketReference;
import my.benteng.platform.Contact;

import java.time.Instant;

/**
 * A stored ticket. {@code contactVerified} says whether the contact was proven (the signed-in account's own,
 * or a {@code CONTACT_VERIFICATION} token); only then may anything be sent to it. {@code toString()} shows
 * neither the contact whole nor the submitter's text.
 */
public record Ticket(String id, TicketReference reference, TicketCategory category, String subject, String message,
                     Contact contact, boolean contactVerified, String citizenId, Source source, TicketStatus status,
                     String assignee, Instant createdAt, Instant updatedAt) {

    /** How the ticket arrived. */
    public enum Source {
        /** The JSON API or the /help form, anonymous. */
        WEB,
        /** A signed-in citizen. */
        ACCOUNT,
        /** Inbound e-mail from the MTA. */
        EMAIL
    }

    @Override
    public String toString() {
        return "Ticket[" + reference.value() + ", " + category + ", " + status + ", contact=" + contact + "]";
    }
}
