package my.benteng.audit.web;

import my.benteng.audit.AuditChain;
import my.benteng.audit.AuditVerification;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The verification report for security analysts and operators (access rule in the module's configuration).
 * A broken chain is still a successful report, so it answers 200 with {@code intact=false}.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditVerificationController {

    private final AuditChain chain;

    AuditVerificationController(AuditChain chain) {
        this.chain = chain;
    }

    @GetMapping("/verification")
    AuditVerification verification() {
        return chain.verify();
    }
}
