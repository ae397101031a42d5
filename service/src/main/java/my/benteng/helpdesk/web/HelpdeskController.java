package my.benteng.helpdesk.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.CitizenId;
import my.benteng.account.Citizens;
import my.benteng.account.Purpose;
import my.benteng.account.VerificationTokens;
import my.benteng.account.VerifiedContact;
import my.benteng.helpdesk.internal.InboundGate;
import my.benteng.helpdesk.internal.SubmissionGate;
import my.benteng.helpdesk.internal.Ticket;
import my.benteng.helpdesk.internal.TicketInput;
import my.benteng.helpdesk.internal.TicketService;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.ProblemWords;
import my.benteng.shield.web.VerdictProblems;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/** {@code /api/v1/helpdesk}: citizens' tickets and the MTA's inbound mail. */
@RestController
@Tag(name = "Helpdesk")
class HelpdeskController {

    private static final VerdictProblems VERDICTS = VerdictProblems.of(
            ProblemWords.of(HttpStatus.UNPROCESSABLE_CONTENT, "unusable-contact", "Contact cannot be used",
                    "Give a Malaysian mobile number or a deliverable e-mail address."),
            ProblemWords.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Unavailable", "Tickets cannot be taken right now; retry later."),
            "Too many tickets were submitted; wait before sending another.");

    private final TicketService tickets;
    private final SubmissionGate gate;
    private final InboundGate inbound;
    private final Citizens citizens;
    private final VerificationTokens verificationTokens;

    HelpdeskController(TicketService tickets, SubmissionGate gate, InboundGate inbound, Citizens citizens,
                       VerificationTokens verificationTokens) {
        this.tickets = tickets;
        this.gate = gate;
        this.inbound = inbound;
        this.citizens = citizens;
        this.verificationTokens = verificationTokens;
    }

    record SubmitRequest(String category, String subject, String message, String contact, String pow, String verificationToken) {
        @Override
        public String toString() {
            return "SubmitRequest[category=" + category + "]";
        }
    }

    record Accepted(String reference) {
    }

    /**
     * 202 with the reference whatever happens to the acknowledgement, so the answer never says whether the
     * contact is known, verified or was acknowledged recently.
     */
    @PostMapping(path = "/api/v1/helpdesk/tickets", consumes = "application/json")
    ResponseEntity<Accepted> submit(@RequestBody SubmitRequest body, @AuthenticationPrincipal AccountPrincipal caller,
                                    HttpServletRequest http) {
        // fields first: a typo must neither spend a proof of work nor count against the limits
        TicketInput input = TicketInput.parse(body.category(), body.subject(), body.message());
        ClientIp ip = ClientIp.of(http);
        TicketService.Submitted submitted;
        if (caller != null && caller.kind() == AccountKind.CITIZEN) {
            refuse(gate.citizen(caller.id()));
            // a signed-in citizen's ticket goes to the account's own contact, proven at sign-up; any other is ignored
            Contact contact = citizens.contactOf(new CitizenId(caller.id()))
                    .orElseThrow(() -> new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", "Sign in again."));
            submitted = tickets.submit(input, contact, true, caller.id(), Ticket.Source.ACCOUNT, Optional.empty(), ip);
        } else if (caller != null) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Staff accounts do not submit tickets.");
        } else {
            Contact contact = TicketInput.contact(body.contact());
            if (body.pow() != null && body.pow().length() > 4096) {
                throw new my.benteng.platform.InvalidValueException("pow", "is too long");
            }
            if (body.verificationToken() != null && body.verificationToken().length() > 256) {
                throw new my.benteng.platform.InvalidValueException("verificationToken", "is too long");
            }
            refuse(gate.anonymous(contact, Optional.ofNullable(body.pow()), ip));
            boolean verified = false;
            if (body.verificationToken() != null && !body.verificationToken().isBlank()) {
                // redeemed only after the gate, so a refused request does not burn the citizen's token
                Optional<VerifiedContact> proof = verificationTokens.redeem(body.verificationToken(), Purpose.CONTACT_VERIFICATION);
                if (proof.isEmpty() || !proof.get().contact().value().equals(contact.value())) {
                    throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-verification", "Verification not valid",
                            "The verification token is unknown, spent, expired or for another contact; verify the contact again.");
                }
                verified = true;
            }
            submitted = tickets.submit(input, contact, verified, null, Ticket.Source.WEB, Optional.empty(), ip);
        }
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(new Accepted(submitted.reference().value()));
    }

    /**
     * A raw RFC 5322 message from the MTA. The shared secret comes in {@code X-Helpdesk-Inbound-Secret}; it is
     * checked before a byte of the message is read.
     */
    @PostMapping(path = "/api/v1/helpdesk/inbound")
    ResponseEntity<Accepted> inbound(@RequestHeader(name = InboundGate.SECRET_HEADER, required = false) String secret,
                                     @RequestBody(required = false) byte[] raw, HttpServletRequest http) {
        // checked before the body was read (helpdeskInboundAdmission); again here, so that this handler never depends on it
        inbound.admit(secret);
        if (raw == null || raw.length == 0) {
            throw new my.benteng.platform.InvalidValueException("message", "is required");
        }
        TicketService.Submitted submitted = inbound.accept(raw, ClientIp.of(http));
        return ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(new Accepted(submitted.reference().value()));
    }

    private static void refuse(SubmissionGate.Outcome outcome) {
        switch (outcome) {
            case SubmissionGate.Outcome.Pass p -> {
            }
            case SubmissionGate.Outcome.Limited l -> throw VERDICTS.tooMany(l.retryAfter()).problem();
            case SubmissionGate.Outcome.Objection o -> throw VERDICTS.problem(o.verdict());
        }
    }
}
