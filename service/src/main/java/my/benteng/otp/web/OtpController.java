package my.benteng.otp.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import my.benteng.account.Purpose;
import my.benteng.otp.AccountCodes;
import my.benteng.otp.internal.OneTimeCodeService;
import my.benteng.otp.internal.OtpOutcome;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.Channel;
import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.ProblemWords;
import my.benteng.shield.web.VerdictProblems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** {@code /api/v1/otp}: ask for a code, verify it. */
@RestController
@Tag(name = "One-time codes")
class OtpController {

    private static final ProblemWords UNDELIVERABLE = ProblemWords.of(HttpStatus.UNPROCESSABLE_CONTENT, "undeliverable-destination",
            "Destination cannot receive codes", "Codes can be sent only to valid Malaysian mobile numbers and to deliverable e-mail addresses.");
    private static final VerdictProblems VERDICTS = VerdictProblems.forCodes(UNDELIVERABLE);

    private final OneTimeCodeService codes;

    OtpController(OneTimeCodeService codes) {
        this.codes = codes;
    }

    record CodeRequest(@NotNull Channel channel, @NotNull @Size(max = 320) String destination, @NotNull Purpose purpose,
                       @Size(max = 4096) String pow) {
    }

    record CodeIssued(String requestId, Instant expiresAt, Instant resendAfter) {
    }

    record VerifyRequest(@NotNull @Size(max = 16) String code) {
    }

    record Verified(String verificationToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Verified[redacted]";
        }
    }

    @Operation(summary = "Send a one-time code",
            description = "202 with the same body shape and timing whatever the destination; 428 carries a proof-of-work "
                    + "challenge to solve; 429 and 503 carry Retry-After; 422 for a destination that can never receive a code.")
    @PostMapping(path = "/api/v1/otp/requests", consumes = "application/json")
    ResponseEntity<CodeIssued> request(@Valid @RequestBody CodeRequest body, HttpServletRequest http,
                                       @RequestHeader(name = "X-Device-Id", required = false) String deviceId) {
        Contact destination = parse(body.channel(), body.destination());
        if (deviceId != null && (deviceId.length() > 128 || !deviceId.matches("[A-Za-z0-9._:-]+"))) {
            deviceId = null; // an id we cannot use as a key is ignored rather than trusted
        }
        AccountCodes.Outcome outcome = codes.issue(destination, body.purpose(), ClientIp.of(http),
                Optional.ofNullable(deviceId), Optional.ofNullable(body.pow()));
        return switch (outcome) {
            case AccountCodes.Outcome.Sent s ->
                    ResponseEntity.accepted().body(new CodeIssued(s.requestId().toString(), s.expiresAt(), s.resendAfter()));
            case AccountCodes.Outcome.TooSoon t -> throw VERDICTS.tooMany(t.retryAfter()).problem();
            case AccountCodes.Outcome.Refused r -> throw VERDICTS.problem(r.verdict());
        };
    }

    @Operation(summary = "Verify a one-time code",
            description = "200 with a single-use verification token; 400 with attemptsLeft for a wrong code; 410 when the "
                    + "code can no longer be used; 429 with Retry-After while verification for the destination is locked.")
    @PostMapping(path = "/api/v1/otp/requests/{requestId}/verify", consumes = "application/json")
    Verified verify(@PathVariable String requestId, @Valid @RequestBody VerifyRequest body, HttpServletRequest http) {
        if (!body.code().matches("[0-9]{6,8}")) {
            throw new InvalidValueException("code", "must be 6 to 8 digits");
        }
        OtpOutcome outcome = codes.verify(requestId, body.code(), ClientIp.of(http));
        return switch (outcome) {
            case OtpOutcome.Verified v -> new Verified(v.verificationToken(), v.expiresAt());
            case OtpOutcome.WrongCode w -> throw new ApiProblem(HttpStatus.BAD_REQUEST, "wrong-code", "Wrong code",
                    "The code is not right.", null, Map.of("attemptsLeft", w.attemptsLeft()));
            case OtpOutcome.Gone g -> throw new ApiProblem(HttpStatus.GONE, "code-gone", "Code no longer valid",
                    "This code has expired, was already used or was replaced; ask for a new one.");
            case OtpOutcome.Locked l -> throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "verification-locked",
                    "Too many wrong codes", "Verification for this destination is locked for a while.", l.retryAfter(), Map.of());
        };
    }

    private static Contact parse(Channel channel, String text) {
        try {
            return Contact.parse(channel, text);
        } catch (InvalidValueException e) {
            throw UNDELIVERABLE.problem();
        }
    }
}
