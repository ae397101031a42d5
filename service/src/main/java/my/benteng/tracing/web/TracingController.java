package my.benteng.tracing.web;

import my.benteng.account.AccountPrincipal;
import my.benteng.tracing.RiskStatus;
import my.benteng.tracing.internal.TracingService;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
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
import java.util.List;

/** Cases (health officers), the caller's risk status (citizens) and hotspot aggregates. */
@RestController
class TracingController {

    private final TracingService tracing;

    TracingController(TracingService tracing) {
        this.tracing = tracing;
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

    record CaseResponse(String caseId, String citizenId, Instant infectiousFrom, Instant infectiousTo, int version,
                        int caseVisits, int contacts, int notified) {
        static CaseResponse of(TracingService.Traced t) {
            return new CaseResponse(t.caseId(), t.citizenId(), t.infectiousFrom(), t.infectiousTo(), t.version(), t.caseVisits(),
                    t.contacts(), t.notified());
        }
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
