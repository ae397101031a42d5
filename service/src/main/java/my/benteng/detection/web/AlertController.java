package my.benteng.detection.web;

import my.benteng.platform.QueryNumbers;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import my.benteng.detection.Level;
import my.benteng.detection.internal.alert.Alert;
import my.benteng.detection.internal.alert.AlertBook;
import my.benteng.detection.internal.alert.AlertStatus;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ClientIp;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.RandomIds;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/alerts}: the alerts for security analysts and operators (access rule in the module's configuration): the
 * list, one alert with its evidence, acknowledge, resolve, and silences. Refusals are RFC 9457 problems that never repeat
 * the input.
 */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "Alerts")
class AlertController {

    static final int MAX_PAGE_SIZE = 100;
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    private final AlertBook book;

    AlertController(AlertBook book) {
        this.book = book;
    }

    /** An alert in a list. Times are UTC; texts are escaped and subjects masked. */
    record AlertView(String id, String fingerprint, String ruleId, String title, String level, List<String> attack, String status,
                     String summary, long count, Instant firstSeen, Instant lastSeen, Instant silencedUntil) {

        static AlertView of(Alert a) {
            return new AlertView(a.id(), a.fingerprint(), a.ruleId(), a.title(), a.level().sigmaName(), a.attack(), a.status().apiName(),
                    a.summary(), a.count(), a.firstSeen(), a.lastSeen(), a.silencedUntil());
        }
    }

    record AlertPage(List<AlertView> alerts, int page, int size) {
    }

    /** The audit entries behind an alert: how many in all, and the sequence numbers kept (the first and last 20). */
    record Evidence(long total, List<Long> auditSequences) {
    }

    record AlertDetail(String id, String fingerprint, String ruleId, String title, String level, List<String> attack, String status,
                       String summary, Map<String, String> groupBy, long count, Instant firstSeen, Instant lastSeen,
                       Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt, String resolvedBy, Instant silencedUntil,
                       Evidence evidence) {
    }

    record SilenceRequest(String fingerprint, String until, String reason) {
        @Override
        public String toString() {
            return "SilenceRequest[hidden]";
        }
    }

    record SilenceView(String id, String fingerprint, Instant until) {
    }

    @GetMapping
    ResponseEntity<AlertPage> list(@RequestParam(name = "status", required = false) String status,
                                   @RequestParam(name = "level", required = false) String level,
                                   @RequestParam(name = "attack", required = false) String attack,
                                   @RequestParam(name = "page", required = false) String page,
                                   @RequestParam(name = "size", required = false) String size) {
        AlertStatus s = status == null ? null : AlertStatus.parse(status)
                .orElseThrow(() -> new InvalidValueException("status", "must be firing, acknowledged or resolved"));
        Level l = level == null ? null : Level.parse(level)
                .orElseThrow(() -> new InvalidValueException("level", "must be informational, low, medium, high or critical"));
        if (attack != null && !TECHNIQUE.matcher(attack).matches()) {
            throw new InvalidValueException("attack", "must be an ATT&CK technique id such as T1621 or T1110.001");
        }
        int p = QueryNumbers.wholeNumber("page", page, 0, 0, 100_000);
        int n = QueryNumbers.wholeNumber("size", size, 20, 1, MAX_PAGE_SIZE);
        List<AlertView> alerts = book.list(new AlertBook.Filter(s, l, attack), p, n).stream().map(AlertView::of).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new AlertPage(alerts, p, n));
    }

    @GetMapping("/{id}")
    ResponseEntity<AlertDetail> detail(@PathVariable("id") String id) {
        Alert a = known(id).flatMap(book::find).orElseThrow(AlertController::notFound);
        List<Long> sequences = book.evidence(a.id());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new AlertDetail(a.id(), a.fingerprint(), a.ruleId(), a.title(),
                a.level().sigmaName(), a.attack(), a.status().apiName(), a.summary(), a.groupBy(), a.count(), a.firstSeen(), a.lastSeen(),
                a.acknowledgedAt(), a.acknowledgedBy(), a.resolvedAt(), a.resolvedBy(), a.silencedUntil(),
                new Evidence(a.evidenceCount(), sequences)));
    }

    @PostMapping("/{id}/acknowledge")
    ResponseEntity<AlertView> acknowledge(@PathVariable("id") String id, Principal who, HttpServletRequest http) {
        String alertId = known(id).orElseThrow(AlertController::notFound);
        return changed(book.acknowledge(alertId, who.getName(), ClientIp.of(http).text()));
    }

    @PostMapping("/{id}/resolve")
    ResponseEntity<AlertView> resolve(@PathVariable("id") String id, Principal who, HttpServletRequest http) {
        String alertId = known(id).orElseThrow(AlertController::notFound);
        return changed(book.resolve(alertId, who.getName(), ClientIp.of(http).text()));
    }

    @PostMapping(path = "/silences", consumes = "application/json")
    ResponseEntity<SilenceView> silence(@RequestBody SilenceRequest body, Principal who, HttpServletRequest http) {
        Instant until;
        try {
            until = body.until() == null || body.until().length() > 40 ? null : Instant.parse(body.until());
        } catch (DateTimeParseException e) {
            until = null;
        }
        if (until == null) {
            throw new InvalidValueException("until", "must be an ISO-8601 UTC instant such as 2026-11-20T08:00:00Z");
        }
        return switch (book.silence(body.fingerprint(), until, body.reason(), who.getName(), ClientIp.of(http).text())) {
            case AlertBook.Silenced s -> ResponseEntity.status(HttpStatus.CREATED).body(new SilenceView(s.id(), s.fingerprint(), s.until()));
            case AlertBook.Refused r -> throw new InvalidValueException(r.field(), r.rule());
        };
    }

    private static ResponseEntity<AlertView> changed(AlertBook.Change change) {
        return switch (change) {
            case AlertBook.Changed c -> ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(AlertView.of(c.alert()));
            case AlertBook.NotFound n -> throw notFound();
            case AlertBook.Conflict c -> throw new ApiProblem(HttpStatus.CONFLICT, "alert-status-conflict", "Alert status conflict",
                    "The alert is " + c.current().apiName() + "; alerts move only from firing to acknowledged to resolved.");
        };
    }

    /** Only a well-formed id is looked up; anything else is as unknown as an id that does not exist. */
    private static java.util.Optional<String> known(String id) {
        return RandomIds.isUuid(id) ? java.util.Optional.of(id) : java.util.Optional.empty();
    }

    private static ApiProblem notFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No alert with that id.");
    }
}
