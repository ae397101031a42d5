package my.benteng.helpdesk.internal;

import my.benteng.account.AccountPrincipal;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.helpdesk.TicketStatus;
import my.benteng.messaging.AgentReplyText;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.messaging.TicketReference;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.RefusedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * What agents do with tickets. Every read of a whole ticket (contact unmasked, the submitter's text) is a
 * {@code sensitive_read} audit event; every change is audited with the agent as actor. A reply is the one
 * message whose text a person writes: it goes only to a verified contact, within the agent's rate limit.
 */
@Service
public class AgentDesk {

    private final JdbcTickets tickets;
    private final Messaging messaging;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final SubmissionGate gate;
    private final Clock clock;

    AgentDesk(JdbcTickets tickets, Messaging messaging, AuditLog audit, TransactionTemplate transaction, SubmissionGate gate, Clock clock) {
        this.tickets = tickets;
        this.messaging = messaging;
        this.audit = audit;
        this.transaction = transaction;
        this.gate = gate;
        this.clock = clock;
    }

    /** A whole ticket with its notes and replies. */
    public record Detail(Ticket ticket, List<JdbcTickets.Entry> entries) {
    }

    public List<Ticket> queue(JdbcTickets.Filter filter, int page, int size) {
        return tickets.queue(filter, page, size);
    }

    public Detail open(String referenceText, AccountPrincipal agent, ClientIp ip) {
        Ticket ticket = find(referenceText);
        // the agent now sees the whole contact and the submitter's text: personal data, so on the record
        audit.record(AuditEvent.named("sensitive_read").actor(agent.getName()).subject("ticket:" + ticket.reference().value())
                .clientIp(ip).reason("helpdesk.ticket.opened"));
        return new Detail(ticket, tickets.entries(ticket.id()));
    }

    /** Assigns to the agent themself ({@code mine}) or releases the ticket ({@code !mine}). */
    public void assign(String referenceText, boolean mine, AccountPrincipal agent, ClientIp ip) {
        Ticket ticket = find(referenceText);
        transaction.executeWithoutResult(s -> {
            tickets.assign(ticket.id(), mine ? agent.id() : null, clock.instant());
            audit.record(AuditEvent.named("helpdesk_ticket_assigned").actor(agent.getName()).subject("ticket:" + ticket.reference().value())
                    .clientIp(ip).detail("assignee", mine ? agent.id() : "none"));
        });
    }

    public TicketStatus move(String referenceText, TicketStatus next, AccountPrincipal agent, ClientIp ip) {
        Ticket ticket = find(referenceText);
        if (!ticket.status().canMoveTo(next)) {
            throw transitionRefused();
        }
        Boolean moved = transaction.execute(s -> {
            if (!tickets.moveStatus(ticket.id(), ticket.status(), next, clock.instant())) {
                return false;
            }
            audit.record(AuditEvent.named("helpdesk_ticket_status").actor(agent.getName()).subject("ticket:" + ticket.reference().value())
                    .clientIp(ip).detail("from", ticket.status()).detail("to", next));
            return true;
        });
        if (!Boolean.TRUE.equals(moved)) {
            throw transitionRefused(); // another agent moved it first
        }
        return next;
    }

    public void note(String referenceText, String text, AccountPrincipal agent, ClientIp ip) {
        Ticket ticket = find(referenceText);
        String body = TicketInput.note(text);
        transaction.executeWithoutResult(s -> {
            tickets.addEntry(ticket.id(), "NOTE", agent.id(), body, clock.instant());
            audit.record(AuditEvent.named("helpdesk_note_added").actor(agent.getName()).subject("ticket:" + ticket.reference().value())
                    .clientIp(ip));
        });
    }

    /**
     * Sends the agent's text to the ticket's contact. Refused (409) when the contact is not verified: the
     * incident's hole was exactly free text to an address nobody proved. Moves an open ticket to pending.
     */
    public void reply(String referenceText, String text, AccountPrincipal agent, ClientIp ip) {
        Ticket ticket = find(referenceText);
        AgentReplyText reply = AgentReplyText.of(text);
        // an e-mail ticket's sender is only what From/Return-Path claim (no DMARC verdict is trusted yet): a forged
        // citizen address must not earn free text from the official domain, so such tickets get no replies
        if (!ticket.contactVerified() || ticket.source() == Ticket.Source.EMAIL) {
            audit.record(AuditEvent.named("helpdesk_reply_refused").actor(agent.getName()).subject("ticket:" + ticket.reference().value())
                    .clientIp(ip).outcome(AuditOutcome.DENIED).reason(ticket.source() == Ticket.Source.EMAIL
                            ? "helpdesk.reply.unauthenticated_sender" : "helpdesk.reply.unverified_contact"));
            throw new RefusedException(new HelpdeskRefusal.ContactUnverified());
        }
        if (ticket.status() == TicketStatus.RESOLVED) {
            throw transitionRefused();
        }
        if (gate.agentReply(agent.id()) instanceof SubmissionGate.Outcome.Limited limited) {
            audit.record(AuditEvent.named("helpdesk_reply_refused").actor(agent.getName()).subject("ticket:" + ticket.reference().value())
                    .clientIp(ip).outcome(AuditOutcome.DENIED).reason("helpdesk.reply.rate_limited"));
            throw new RefusedException(new HelpdeskRefusal.TooManyReplies(limited.retryAfter()));
        }
        transaction.executeWithoutResult(s -> {
            Instant now = clock.instant();
            tickets.addEntry(ticket.id(), "REPLY", agent.id(), reply.text(), now);
            messaging.enqueue(Template.HELPDESK_AGENT_REPLY, ticket.contact(),
                    TemplateParameters.of("reference", ticket.reference(), "text", reply));
            if (ticket.status() == TicketStatus.OPEN) {
                tickets.moveStatus(ticket.id(), TicketStatus.OPEN, TicketStatus.PENDING, now);
            }
            audit.record(AuditEvent.named("helpdesk_reply_sent").actor(agent.getName()).subject("ticket:" + ticket.reference().value())
                    .clientIp(ip).detail("contact", ticket.contact().toString()).detail("length", reply.text().length()));
        });
    }

    private Ticket find(String referenceText) {
        TicketReference reference;
        try {
            reference = TicketReference.of(referenceText);
        } catch (InvalidValueException e) {
            throw notFound();
        }
        return tickets.find(reference).orElseThrow(AgentDesk::notFound);
    }

    private static RefusedException notFound() {
        return new RefusedException(new HelpdeskRefusal.TicketNotFound());
    }

    private static RefusedException transitionRefused() {
        return new RefusedException(new HelpdeskRefusal.TicketState());
    }
}
