package my.benteng.account.web;

import my.benteng.account.internal.AccountRefusal;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusalProblems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The account module's refusals as clients read them. */
@Component
class AccountProblems implements RefusalProblems<AccountRefusal> {

    @Override
    public ProblemWords words(AccountRefusal refusal) {
        return switch (refusal) {
            case AccountRefusal.StaffNotFound r -> ProblemWords.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "There is no such member of staff.");
            case AccountRefusal.CannotDisableSelf r -> ProblemWords.of(HttpStatus.CONFLICT, "cannot-disable-self", "Cannot disable yourself",
                    "Another operator must disable this account.");
            case AccountRefusal.UsernameTaken r -> ProblemWords.of(HttpStatus.CONFLICT, "username-taken", "Username taken",
                    "Choose another username.");
            // one answer for every failure, so that neither it nor the lockout tells whether a username exists
            case AccountRefusal.SignInFailed r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "sign-in-failed", "Sign-in failed",
                    "The username, password or authentication code is not right.");
            case AccountRefusal.SignInLocked r -> ProblemWords.of(HttpStatus.TOO_MANY_REQUESTS, "sign-in-locked", "Too many failed sign-ins",
                    "Sign-in for this username is paused after repeated failures; retry later.").retryAfter(r.retryAfter());
            case AccountRefusal.NameRequired r -> ProblemWords.of(HttpStatus.UNPROCESSABLE_CONTENT, "name-required", "Name required",
                    "No account uses this contact yet; send the same request with a name to create one.");
            case AccountRefusal.VerificationUnavailable r -> ProblemWords.of(HttpStatus.SERVICE_UNAVAILABLE, "verification-unavailable",
                    "Verification unavailable", "Contact verification is not available on this deployment.");
            case AccountRefusal.VerificationFailed r -> ProblemWords.of(HttpStatus.UNAUTHORIZED, "verification-failed", "Verification failed",
                    "The verification token is invalid, expired or already used, or does not allow this; verify your contact again.");
            case AccountRefusal.AlreadyRegistered r -> ProblemWords.of(HttpStatus.CONFLICT, "already-registered", "Already registered",
                    "An account already exists for this contact; sign in instead.");
        };
    }
}
