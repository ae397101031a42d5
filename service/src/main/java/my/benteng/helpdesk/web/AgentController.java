package my.benteng.helpdesk.web;

import my.benteng.platform.QueryNumbers;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import my.benteng.account.AccountPrincipal;
import my.benteng.helpdesk.TicketCategory;
import my.benteng.helpdesk.TicketStatus;
import my.benteng.helpdesk.internal.AgentDesk;
import my.benteng.helpdesk.internal.HelpdeskProperties;
import my.benteng.helpdesk.internal.JdbcTickets;
import my.benteng.helpdesk.internal.Ticket;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** {@code /api/v1/helpdesk/tickets/…} for agents (role HELPDESK_AGENT): queue, detail, assignment, status, notes, replies. */
@RestController
@Tag(name = "Helpdesk agents")
class AgentController {

    private final AgentDesk desk;
    private final HelpdeskProperties properties;

    AgentController(AgentDesk desk, HelpdeskProperties properties) {
        this.desk = desk;
        this.properties = properties;
    }

    /** A queue row: the contact masked (opening the ticket shows it, audited). */
    record QueueItem(String reference, TicketCategory category, TicketStatus status, String subject, String contact,
                     boolean contactVerified, String assignee, Instant createdAt) {
    }

    record Queue(List<QueueItem> tickets, int page, int size) {
    }

    record EntryView(String kind, String author, String text, Instant createdAt) {
    }

    record DetailView(String reference, TicketCategory category, TicketStatus status, String subject, String message,
                      String contactChannel, String contact, boolean contactVerified, String source, String assignee,
                      Instant createdAt, Instant updatedAt, List<EntryView> entries) {
        @Override
        public String toString() {
            return "DetailView[" + reference + "]";
        }
    }

    record AssignmentRequest(String assignee) {
    }

    record StatusRequest(String status) {
    }

    record StatusView(String reference, TicketStatus status) {
    }

    record TextRequest(String text) {
        @Override
        public String toString() {
            return "TextRequest[hidden]";
        }
    }

    @GetMapping("/api/v1/helpdesk/tickets")
    ResponseEntity<Queue> queue(@RequestParam(name = "status", required = false) String status,
                                @RequestParam(name = "category", required = false) String category,
                                @RequestParam(name = "assignee", required = false) String assignee,
                                @RequestParam(name = "page", required = false) String page,
                                @RequestParam(name = "size", required = false) String size,
                                @AuthenticationPrincipal AccountPrincipal agent) {
        TicketStatus s = status == null ? null : parseEnum(TicketStatus.class, "status", status);
        TicketCategory c = category == null ? null : parseEnum(TicketCategory.class, "category", category);
        String a = switch (assignee == null ? "" : assignee) {
            case "" -> null;
            case "me" -> agent.id();
            case "none" -> JdbcTickets.Filter.UNASSIGNED;
            default -> throw new InvalidValueException("assignee", "must be me or none");
        };
        int p = QueryNumbers.wholeNumber("page", page, 0, 0, 100_000);
        int n = QueryNumbers.wholeNumber("size", size, 20, 1, properties.maxPageSize());
        List<QueueItem> items = desk.queue(new JdbcTickets.Filter(s, c, a), p, n).stream()
                .map(t -> new QueueItem(t.reference().value(), t.category(), t.status(), t.subject(), t.contact().toString(),
                        t.contactVerified(), t.assignee(), t.createdAt()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Queue(items, p, n));
    }

    @GetMapping("/api/v1/helpdesk/tickets/{reference}")
    ResponseEntity<DetailView> detail(@PathVariable("reference") String reference, @AuthenticationPrincipal AccountPrincipal agent,
                                      HttpServletRequest http) {
        AgentDesk.Detail d = desk.open(reference, agent, ClientIp.of(http));
        Ticket t = d.ticket();
        List<EntryView> entries = d.entries().stream().map(e -> new EntryView(e.kind(), e.author(), e.body(), e.createdAt())).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new DetailView(t.reference().value(), t.category(), t.status(),
                t.subject(), t.message(), t.contact().channel().name(), t.contact().value(), t.contactVerified(), t.source().name(),
                t.assignee(), t.createdAt(), t.updatedAt(), entries));
    }

    /** {@code {"assignee":"me"}} takes the ticket, {@code {"assignee":null}} releases it. */
    @PostMapping(path = "/api/v1/helpdesk/tickets/{reference}/assignment", consumes = "application/json")
    ResponseEntity<Void> assign(@PathVariable("reference") String reference, @RequestBody AssignmentRequest body,
                                @AuthenticationPrincipal AccountPrincipal agent, HttpServletRequest http) {
        if (body.assignee() != null && !body.assignee().equals("me")) {
            throw new InvalidValueException("assignee", "must be me or null");
        }
        desk.assign(reference, body.assignee() != null, agent, ClientIp.of(http));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/api/v1/helpdesk/tickets/{reference}/status", consumes = "application/json")
    ResponseEntity<StatusView> status(@PathVariable("reference") String reference, @RequestBody StatusRequest body,
                                      @AuthenticationPrincipal AccountPrincipal agent, HttpServletRequest http) {
        TicketStatus next = parseEnum(TicketStatus.class, "status", body.status());
        return ResponseEntity.ok(new StatusView(reference, desk.move(reference, next, agent, ClientIp.of(http))));
    }

    @PostMapping(path = "/api/v1/helpdesk/tickets/{reference}/notes", consumes = "application/json")
    ResponseEntity<Void> note(@PathVariable("reference") String reference, @RequestBody TextRequest body,
                              @AuthenticationPrincipal AccountPrincipal agent, HttpServletRequest http) {
        desk.note(reference, body.text(), agent, ClientIp.of(http));
        return ResponseEntity.status(201).build();
    }

    @PostMapping(path = "/api/v1/helpdesk/tickets/{reference}/replies", consumes = "application/json")
    ResponseEntity<Void> reply(@PathVariable("reference") String reference, @RequestBody TextRequest body,
                               @AuthenticationPrincipal AccountPrincipal agent, HttpServletRequest http) {
        desk.reply(reference, body.text(), agent, ClientIp.of(http));
        return ResponseEntity.accepted().build();
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String field, String text) {
        if (text != null && text.length() <= 16) {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(text)) {
                    return e;
                }
            }
        }
        throw new InvalidValueException(field, "is not one of the allowed values");
    }
}
