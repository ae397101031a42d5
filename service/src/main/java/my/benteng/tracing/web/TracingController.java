package my.benteng.tracing.web;

import my.benteng.account.AccountPrincipal;
import my.benteng.tracing.RiskStatus;
import my.benteng.tracing.internal.TracingRefusal;
import my.benteng.tracing.internal.TracingService;
import org.springframework.http.CacheControl;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.InvalidValueException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Cases (health officers), the caller's risk status (citizens) and hotspot aggregates. */
@RestController
class TracingController {

    private final TracingService tracing;
    private final TracingProblems problems;

    TracingController(TracingService tracing, TracingProblems problems) {
        this.tracing = tracing;
        this.problems = problems;
    }

    /** Exactly one of {@code citizenId} and {@code phone}; the period as ISO-8601 instants. */
    record CaseRequest(String citizenId, String phone, String infectiousFrom, String infectiousTo) {
        @Override
        public String toString() {
            return "CaseRequest[redacted]";
        }
    }

    record PeriodRequest(String infectiousFrom, String infectiousTo) {
    }

    /**
     * {@code status} is {@code TRACING} until the notification round of the latest run has found and notified the
     * contacts, then {@code TRACED}; {@code contacts} is null while tracing.
     */
    record CaseResponse(String caseId, String citizenId, Instant infectiousFrom, Instant infectiousTo, int version,
                        int caseVisits, String status, Integer contacts, int notified) {
        static CaseResponse of(TracingService.Traced t) {
            return new CaseResponse(t.caseId(), t.citizenId(), t.infectiousFrom(), t.infectiousTo(), t.version(), t.caseVisits(),
                    t.tracing() ? "TRACING" : "TRACED", t.contacts(), t.notified());
        }
    }

    record BatchRequest(List<TracingService.CaseInput> cases) {
    }

    /** One case of a batch, in the order given: {@code status} is the HTTP status the single request would have had. */
    record BatchItem(int index, int status, CaseResponse result, ProblemDetail problem) {
    }

    record BatchResponse(int recorded, int refused, List<BatchItem> items) {
    }

    record RiskStatusResponse(RiskStatus status, Instant until) {
    }

    record HotspotItem(String premisesId, String premisesName, String state, String category, int cases) {
    }

    record HotspotsResponse(String state, int windowDays, int minimumCases, List<HotspotItem> items) {
    }

    /** 201 for a new case; 200 when the same citizen and period were recorded before (re-run, no new notifications). */
    @PostMapping(path = "/api/v1/cases", consumes = "application/json")
    ResponseEntity<CaseResponse> record(@RequestBody CaseRequest body, @AuthenticationPrincipal AccountPrincipal officer) {
        TracingService.Traced t = tracing.record(officer, body.citizenId(), body.phone(), body.infectiousFrom(), body.infectiousTo());
        return ResponseEntity.status(t.created() ? HttpStatus.CREATED : HttpStatus.OK).cacheControl(CacheControl.noStore())
                .body(CaseResponse.of(t));
    }

    /**
     * Up to {@value TracingService#MAX_BATCH} cases in one request (a laboratory feed): each is recorded as by
     * {@code POST /api/v1/cases} and answered on its own; the new ones are written in one transaction. 200 with a
     * status per case; 400 only when the batch itself is malformed or too large.
     */
    @PostMapping(path = "/api/v1/cases/batch", consumes = "application/json")
    ResponseEntity<BatchResponse> recordAll(@RequestBody BatchRequest body, @AuthenticationPrincipal AccountPrincipal officer) {
        if (body == null || body.cases() == null) {
            throw new InvalidValueException("cases", "give 1 to " + TracingService.MAX_BATCH + " cases");
        }
        List<TracingService.Outcome> outcomes = tracing.recordAll(officer, body.cases());
        List<BatchItem> items = new ArrayList<>(outcomes.size());
        int recorded = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            BatchItem item = switch (outcomes.get(i)) {
                case TracingService.Outcome.Recorded r -> new BatchItem(i, r.traced().created() ? 201 : 200, CaseResponse.of(r.traced()), null);
                case TracingService.Outcome.Invalid invalid -> refused(i, ApiProblem.invalid(invalid.field(), invalid.rule()).toProblemDetail());
                case TracingRefusal refusal -> refused(i, problems.words(refusal).toProblemDetail());
            };
            recorded += item.result() == null ? 0 : 1;
            items.add(item);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new BatchResponse(recorded, outcomes.size() - recorded, items));
    }

    private static BatchItem refused(int index, ProblemDetail problem) {
        return new BatchItem(index, problem.getStatus(), null, problem);
    }

    /** The case as it stands, with how far the notification of its contacts has come. */
    @GetMapping("/api/v1/cases/{id}")
    ResponseEntity<CaseResponse> get(@PathVariable("id") String id) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(CaseResponse.of(tracing.get(id)));
    }

    /** Corrects the infectious period and recomputes the contacts. */
    @PutMapping(path = "/api/v1/cases/{id}", consumes = "application/json")
    ResponseEntity<CaseResponse> correct(@PathVariable("id") String id, @RequestBody PeriodRequest body,
                                         @AuthenticationPrincipal AccountPrincipal officer) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(CaseResponse.of(tracing.correct(officer, id, body.infectiousFrom(), body.infectiousTo())));
    }

    /** Runs the tracing of a case again. */
    @PostMapping("/api/v1/cases/{id}/trace")
    ResponseEntity<CaseResponse> retrace(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal officer) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(CaseResponse.of(tracing.retrace(officer, id)));
    }

    @GetMapping("/api/v1/me/risk-status")
    ResponseEntity<RiskStatusResponse> riskStatus(@AuthenticationPrincipal AccountPrincipal caller) {
        TracingService.Status s = tracing.status(caller);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new RiskStatusResponse(s.status(), s.until()));
    }

    @GetMapping("/api/v1/hotspots")
    ResponseEntity<HotspotsResponse> hotspots(@RequestParam(name = "state", required = false) String state) {
        List<HotspotItem> items = tracing.hotspots(state).stream()
                .map(h -> new HotspotItem(h.premises().premisesId().value(), h.premises().name(), h.premises().state().name(),
                        h.premises().category().name(), h.cases()))
                .toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(new HotspotsResponse(state == null || state.isEmpty() ? null : state, tracing.properties().hotspotWindow().getDays(),
                        tracing.properties().hotspotMinimumCases(), items));
    }
}
