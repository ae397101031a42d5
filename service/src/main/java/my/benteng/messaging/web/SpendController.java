package my.benteng.messaging.web;

import my.benteng.messaging.internal.SpendReport;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/v1/messaging/spend}: today's spend, reserve and burn-rate forecast per channel, for operators. */
@RestController
@PreAuthorize("hasRole('OPERATOR')") // the path rule says the same; this keeps it true if a path rule is ever lost
class SpendController {

    private final SpendReport report;

    SpendController(SpendReport report) {
        this.report = report;
    }

    @GetMapping("/api/v1/messaging/spend")
    ResponseEntity<List<SpendReport.ChannelSpend>> spend() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(report.today());
    }
}
