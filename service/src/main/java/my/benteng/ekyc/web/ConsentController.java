package my.benteng.ekyc.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.CitizenId;
import my.benteng.ekyc.internal.Consents;
import my.benteng.ekyc.internal.Vault;
import my.benteng.otp.AccountCodes;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ClientIp;
import my.benteng.platform.ProblemWords;
import my.benteng.shield.web.VerdictProblems;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A citizen consents to one relying party and purpose. The request names no destination: the code goes to
 * the phone on the account, through the shield and the otp module.
 */
@RestController
@Tag(name = "eKYC consent")
class ConsentController {

    /** The code goes to the account's own phone: one that cannot receive codes is the account's problem, not a typo. */
    private static final VerdictProblems VERDICTS = VerdictProblems.forCodes(ProblemWords.of(HttpStatus.CONFLICT, "no-contact",
            "No phone on the account", "The contact on your account cannot receive codes."));

    private final Consents consents;
    private final Vault vault;

    ConsentController(Consents consents, Vault vault) {
        this.consents = consents;
        this.vault = vault;
    }

    record StartRequest(String relyingPartyId, String purpose, String pow) {
    }

    record Started(String consentId, String otpRequestId, Instant expiresAt, Instant resendAfter) {
    }

    record ConfirmRequest(String verificationToken) {
        @Override
        public String toString() {
            return "ConfirmRequest[redacted]";
        }
    }

    record ConsentView(String consentReference, String relyingPartyId, String purpose, String status, Instant createdAt,
                       Instant grantedAt, Instant revokedAt) {
        static ConsentView of(Consents.Consent c) {
            return new ConsentView(c.id(), c.relyingPartyId(), c.purpose(), c.status().name(), c.createdAt(), c.grantedAt(), c.revokedAt());
        }
    }

    @Operation(summary = "Ask to consent", description = "202: a code went to the phone on your account; verify it with "
            + "POST /api/v1/otp/requests/{otpRequestId}/verify, then confirm. 428 proof of work, 429 too soon, 404 unknown relying party or purpose.")
    @PostMapping(path = "/api/v1/ekyc/consents", consumes = "application/json")
    ResponseEntity<Started> start(@RequestBody StartRequest body, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        if (body.pow() != null && body.pow().length() > 4096) {
            throw new my.benteng.platform.InvalidValueException("pow", "is too long");
        }
        String purpose = body.purpose() == null || body.purpose().length() > 40 ? "" : body.purpose();
        Consents.Started started = consents.start(citizen(caller), body.relyingPartyId(), purpose, ClientIp.of(http), Optional.ofNullable(body.pow()));
        return switch (started) {
            case Consents.Started.CodeSent s -> ResponseEntity.accepted().cacheControl(CacheControl.noStore()).body(new Started(s.consent().id(),
                    s.code().requestId().toString(), s.code().expiresAt(), s.code().resendAfter()));
            case Consents.Started.NoSuchRelyingParty n -> throw new ApiProblem(HttpStatus.NOT_FOUND, "relying-party-not-found",
                    "Relying party not found", "No active relying party with that id accepts that purpose.");
            case Consents.Started.NoContact n -> throw new ApiProblem(HttpStatus.CONFLICT, "no-contact", "No phone on the account",
                    "Your account has no contact a consent code could be sent to.");
            case Consents.Started.CodeRefused r -> throw refusal(r.outcome());
        };
    }

    @Operation(summary = "Confirm a consent with the verification token of its code")
    @PostMapping(path = "/api/v1/ekyc/consents/{id}/confirm", consumes = "application/json")
    ConsentView confirm(@PathVariable("id") String id, @RequestBody ConfirmRequest body, @AuthenticationPrincipal AccountPrincipal caller,
                        HttpServletRequest http) {
        return consents.confirm(citizen(caller), id, body.verificationToken(), ClientIp.of(http)).map(ConsentView::of)
                .orElseThrow(() -> new ApiProblem(HttpStatus.BAD_REQUEST, "consent-not-confirmed", "Consent not confirmed",
                        "The consent is not pending for you, or the verification token is not valid for it."));
    }

    @Operation(summary = "Revoke a consent", description = "204; every record stored under it is crypto-shredded at once.")
    @DeleteMapping("/api/v1/ekyc/consents/{id}")
    ResponseEntity<Void> revoke(@PathVariable("id") String id, @AuthenticationPrincipal AccountPrincipal caller, HttpServletRequest http) {
        if (Consents.parseUuid(id).isEmpty() || !consents.revoke(citizen(caller), id, ClientIp.of(http))) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such consent of yours to revoke.");
        }
        vault.shredConsent(id, "ekyc.consent.revoked");
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/ekyc/consents")
    List<ConsentView> mine(@AuthenticationPrincipal AccountPrincipal caller) {
        return consents.of(citizen(caller)).stream().map(ConsentView::of).toList();
    }

    private static CitizenId citizen(AccountPrincipal caller) {
        return new CitizenId(caller.id());
    }

    private static ApiProblem refusal(AccountCodes.Outcome outcome) {
        return switch (outcome) {
            case AccountCodes.Outcome.TooSoon t -> VERDICTS.tooMany(t.retryAfter()).problem();
            case AccountCodes.Outcome.Refused r -> VERDICTS.problem(r.verdict());
            case AccountCodes.Outcome.Sent s -> throw new IllegalStateException("sent is not a refusal");
        };
    }
}
