package my.benteng.premises.web;

import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusalProblems;
import my.benteng.premises.internal.PremisesRefusal;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The premises module's refusals as clients read them. */
@Component
class PremisesProblems implements RefusalProblems<PremisesRefusal> {

    @Override
    public ProblemWords words(PremisesRefusal refusal) {
        return switch (refusal) {
            case PremisesRefusal.PremisesNotFound r -> ProblemWords.of(HttpStatus.NOT_FOUND, "not-found", "Not found", "No such premises.");
            case PremisesRefusal.TooManyRequests r -> ProblemWords.of(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests", "Too many requests",
                    "Too many requests for premises; try again later.").retryAfter(r.retryAfter());
            case PremisesRefusal.VerificationUnavailable r -> ProblemWords.of(HttpStatus.SERVICE_UNAVAILABLE, "verification-unavailable",
                    "Verification unavailable", "Contact verification is not available on this deployment.");
            case PremisesRefusal.VerificationFailed r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "verification-failed", "Verification failed",
                    "The verification token is invalid, expired or already used, or does not allow this; verify your contact again.");
        };
    }
}
