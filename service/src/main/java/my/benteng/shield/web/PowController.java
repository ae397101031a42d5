package my.benteng.shield.web;

import my.benteng.shield.PowChallenge;
import my.benteng.shield.ShieldProperties;
import my.benteng.shield.internal.PowService;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands out proof-of-work challenges of the normal (low) difficulty. Issuing costs one HMAC and no state,
 * so the endpoint needs no limit of its own; the shield asks for a harder one (HTTP 428) when risk is higher.
 */
@RestController
class PowController {

    private final PowService pow;
    private final ShieldProperties properties;

    PowController(PowService pow, ShieldProperties properties) {
        this.pow = pow;
        this.properties = properties;
    }

    @GetMapping("/api/v1/pow/challenge")
    ResponseEntity<PowChallenge> challenge() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(pow.issue(properties.powLowDifficulty()));
    }
}
