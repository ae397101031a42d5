package my.benteng.ekyc.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import my.benteng.account.AccountPrincipal;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.ekyc.internal.BreakGlass;
import my.benteng.ekyc.internal.Consents;
import my.benteng.ekyc.internal.ImageSanitiser;
import my.benteng.ekyc.internal.KeyVault;
import my.benteng.ekyc.internal.RelyingParties;
import my.benteng.ekyc.internal.RelyingParty;
import my.benteng.ekyc.internal.SourceNetwork;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ClientIp;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Operators register relying parties and rotate the vault's key-encryption keyset. */
@RestController
@Tag(name = "eKYC operators")
class OperatorController {

    private final RelyingParties parties;
    private final KeyVault keys;
    private final AuditLog audit;
    private final BreakGlass breakGlass;

    OperatorController(RelyingParties parties, KeyVault keys, AuditLog audit, BreakGlass breakGlass) {
        this.parties = parties;
        this.keys = keys;
        this.audit = audit;
        this.breakGlass = breakGlass;
    }

    record BreakGlassRequest(String imageId, String reason) {
    }

    record BreakGlassResponse(String requestId, java.time.Instant expiresAt) {
    }

    @Operation(summary = "Break glass: ask for an original image", description = "Another operator must approve; you then fetch it once.")
    @PostMapping(path = "/api/v1/ekyc/break-glass", consumes = "application/json")
    ResponseEntity<BreakGlassResponse> breakGlass(@RequestBody BreakGlassRequest body, @AuthenticationPrincipal AccountPrincipal caller,
                                                  HttpServletRequest http) {
        return ResponseEntity.status(HttpStatus.CREATED).body(done(breakGlass.request(body.imageId(), body.reason(), caller.getName(),
                ClientIp.of(http).text())));
    }

    @Operation(summary = "Break glass: approve another operator's request")
    @PostMapping("/api/v1/ekyc/break-glass/{id}/approve")
    BreakGlassResponse approve(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        return done(breakGlass.approve(id, caller.getName(), ClientIp.of(http).text()));
    }

    @Operation(summary = "Break glass: fetch the original once", description = "Only the asking operator, only after approval, once.")
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/ekyc/break-glass/{id}/original")
    ResponseEntity<byte[]> original(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        byte[] image = breakGlass.fetch(id, caller.getName(), ClientIp.of(http).text())
                .orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No approved request of yours with that id."));
        boolean png = ImageSanitiser.sniff(image).filter(f -> f == ImageSanitiser.Format.PNG).isPresent();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(png ? org.springframework.http.MediaType.IMAGE_PNG : org.springframework.http.MediaType.IMAGE_JPEG).body(image);
    }

    private static BreakGlassResponse done(BreakGlass.Outcome outcome) {
        return switch (outcome) {
            case BreakGlass.Outcome.Done d -> new BreakGlassResponse(d.requestId(), d.expiresAt());
            case BreakGlass.Outcome.NotFound n -> throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "No such image or pending request.");
            case BreakGlass.Outcome.SameOperator s -> throw new ApiProblem(HttpStatus.FORBIDDEN, "second-operator-required",
                    "Second operator required", "A break-glass request must be approved by a different operator.");
        };
    }

    record RegisterRequest(String name, List<String> purposes, String retention, List<String> allowedCidrs) {
    }

    record RegisteredResponse(String relyingPartyId, String name, List<String> purposes, String retention, List<String> allowedCidrs,
                              String keyId, String apiSecret) {
        @Override
        public String toString() {
            return "RegisteredResponse[" + relyingPartyId + ", apiSecret=redacted]";
        }
    }

    @Operation(summary = "Register a relying party", description = "201 with the API secret, shown this once; only its hash is kept.")
    @PostMapping(path = "/api/v1/ekyc/relying-parties", consumes = "application/json")
    ResponseEntity<RegisteredResponse> register(@RequestBody RegisterRequest body, @AuthenticationPrincipal AccountPrincipal caller,
                                                HttpServletRequest http) {
        RelyingParties.Registered r = parties.register(body.name(), body.purposes(), body.retention(), body.allowedCidrs(),
                caller.getName(), ClientIp.of(http).text());
        RelyingParty p = r.party();
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new RegisteredResponse(p.id(), p.name(), List.copyOf(p.purposes()), p.retention().toString(),
                        p.allowedNetworks().stream().map(SourceNetwork::toString).toList(), p.keyId(), r.apiSecret()));
    }

    @Operation(summary = "Disable a relying party", description = "204; its key stops working at once.")
    @DeleteMapping("/api/v1/ekyc/relying-parties/{id}")
    ResponseEntity<Void> disable(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        if (Consents.parseUuid(id).isEmpty() || !parties.disable(id, caller.getName(), ClientIp.of(http).text())) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such active relying party.");
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Rotate the key-encryption keyset", description = "A new primary key; everything wrapped before stays readable.")
    @PostMapping("/api/v1/ekyc/keys/rotate")
    Map<String, Integer> rotate(@AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        keys.rotate();
        audit.record(AuditEvent.named("sensitive_update").actor(caller.getName()).clientIp(ClientIp.of(http)).subject("ekyc-keyset")
                .reason("ekyc.keyset.rotated").detail("keys", keys.keyCount()));
        return Map.of("keys", keys.keyCount());
    }
}
