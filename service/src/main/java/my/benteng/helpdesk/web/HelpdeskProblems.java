package my.benteng.helpdesk.web;

import my.benteng.helpdesk.internal.HelpdeskRefusal;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusalProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The helpdesk's refusals as clients read them. */
@Component
class HelpdeskProblems implements RefusalProblems<HelpdeskRefusal> {

    @Override
    public ProblemWords words(HelpdeskRefusal refusal) {
        return switch (refusal) {
            case HelpdeskRefusal.TicketNotFound r -> ProblemWords.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is no such ticket.");
            case HelpdeskRefusal.TicketState r -> ProblemWords.of(HttpStatus.CONFLICT, "ticket-state", "Not possible in the ticket's state",
                    "The ticket is not in a state that allows this; reload it and try again.");
            case HelpdeskRefusal.ContactUnverified r -> ProblemWords.of(HttpStatus.CONFLICT, "contact-unverified", "Contact not verified",
                    "Replies go only to a contact verified with a code; this ticket's contact was not.");
            case HelpdeskRefusal.TooManyReplies r -> ProblemWords.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                    "Too many replies were sent; wait before sending another.").retryAfter(r.retryAfter());
            // the generic 401: it says nothing about the secret
            case HelpdeskRefusal.InboundUnauthenticated r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "unauthenticated",
                    "Authentication required", "Authentication is required.");
        };
    }
}
