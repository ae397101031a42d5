package my.benteng.shield.web;

import my.benteng.shield.internal.ShieldStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The shield's current state for operators: pumping levels per scope, blocked prefixes, what each level applies. */
@RestController
@PreAuthorize("hasRole('OPERATOR')") // the path rule says the same; this keeps it true if a path rule is ever lost
class ShieldStatusController {

    private final ShieldStatus status;

    ShieldStatusController(ShieldStatus status) {
        this.status = status;
    }

    @GetMapping("/api/v1/shield/state")
    ResponseEntity<ShieldStatus.Snapshot> state() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(status.now());
    }
}
