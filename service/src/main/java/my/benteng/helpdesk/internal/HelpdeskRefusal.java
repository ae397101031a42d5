package my.benteng.helpdesk.internal;

import my.benteng.platform.Refusal;

import java.time.Duration;

/** Why the helpdesk refuses an agent's or the MTA's request; {@code web.HelpdeskProblems} words each for clients. */
public sealed interface HelpdeskRefusal extends Refusal {

    /** No ticket has that reference. */
    record TicketNotFound() implements HelpdeskRefusal {
    }

    /** The ticket's status does not allow this (or another agent moved it first). */
    record TicketState() implements HelpdeskRefusal {
    }

    /** A reply to a contact nobody verified with a code, or to an e-mail ticket's claimed sender. */
    record ContactUnverified() implements HelpdeskRefusal {
    }

    /** The agent's reply limit is spent for {@code retryAfter}. */
    record TooManyReplies(Duration retryAfter) implements HelpdeskRefusal {
    }

    /** Inbound mail without the MTA's shared secret. */
    record InboundUnauthenticated() implements HelpdeskRefusal {
    }
}
