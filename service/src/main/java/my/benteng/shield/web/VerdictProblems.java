package my.benteng.shield.web;

import my.benteng.platform.ApiProblem;
import my.benteng.platform.ProblemWords;
import my.benteng.shield.DenyKind;
import my.benteng.shield.Verdict;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.Objects;

/**
 * A refused {@link Verdict} as a problem for the client, the same for every caller of the shield: 428 with the
 * challenge to solve, 429 with {@code Retry-After} for a limit, 503 with {@code Retry-After} when the shield cannot
 * decide or sending is switched off (fail closed), and the caller's own words for a contact that can never be used.
 * The verdict's reason code is never shown: it would tell an attacker which limit to work around.
 */
public final class VerdictProblems {

    /** Retry-After is whole seconds, and zero would invite an immediate retry. */
    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private static final ProblemWords CHALLENGE = ProblemWords.of(HttpStatus.PRECONDITION_REQUIRED, "proof-of-work-required",
            "Proof of work required", "Solve the challenge and send the solution as 'pow' with the same request.");
    private static final ProblemWords CODES_UNAVAILABLE = ProblemWords.of(HttpStatus.SERVICE_UNAVAILABLE, "codes-unavailable",
            "Codes unavailable", "Codes cannot be sent right now; retry later.");
    private static final String TOO_MANY_CODES = "Too many codes were requested; wait before asking again.";

    private final ProblemWords undeliverable;
    private final ProblemWords unavailable;
    private final ProblemWords tooMany;

    private VerdictProblems(ProblemWords undeliverable, ProblemWords unavailable, String tooManyDetail) {
        this.undeliverable = Objects.requireNonNull(undeliverable, "undeliverable");
        this.unavailable = Objects.requireNonNull(unavailable, "unavailable");
        this.tooMany = ProblemWords.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                Objects.requireNonNull(tooManyDetail, "tooManyDetail"));
    }

    /** For a request for a one-time code; {@code undeliverable} words a destination that can never receive one. */
    public static VerdictProblems forCodes(ProblemWords undeliverable) {
        return new VerdictProblems(undeliverable, CODES_UNAVAILABLE, TOO_MANY_CODES);
    }

    /** For anything else the shield admits (a helpdesk ticket), in the caller's words where they differ. */
    public static VerdictProblems of(ProblemWords undeliverable, ProblemWords unavailable, String tooManyDetail) {
        return new VerdictProblems(undeliverable, unavailable, tooManyDetail);
    }

    /** The words for a verdict that refused; an {@link Verdict.Allow} is not a refusal. */
    public ProblemWords words(Verdict refused) {
        return switch (refused) {
            case Verdict.Challenge c -> CHALLENGE.with("challenge", c.challenge());
            case Verdict.Deny d when d.kind() == DenyKind.UNDELIVERABLE -> undeliverable;
            case Verdict.Deny d when d.kind() == DenyKind.UNAVAILABLE -> unavailable.retryAfter(atLeast(d.retryAfter()));
            case Verdict.Deny d -> tooMany(d.retryAfter());
            case Verdict.Allow a -> throw new IllegalArgumentException("an allowed attempt is not a refusal");
        };
    }

    /** {@link #words} to throw from a controller. */
    public ApiProblem problem(Verdict refused) {
        return words(refused).problem();
    }

    /** 429 with {@code Retry-After}: a limit of the caller's own (a resend cooldown) in the same words as the shield's. */
    public ProblemWords tooMany(Duration retryAfter) {
        return tooMany.retryAfter(atLeast(retryAfter));
    }

    private static Duration atLeast(Duration d) {
        return d == null || d.compareTo(AT_LEAST) < 0 ? AT_LEAST : d;
    }
}
