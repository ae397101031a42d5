package my.benteng.account.internal;

import my.benteng.platform.Refusal;

import java.time.Duration;

/** Why the account module refuses; {@code web.AccountProblems} words each for clients. */
public sealed interface AccountRefusal extends Refusal {

    /** No member of staff has that id. */
    record StaffNotFound() implements AccountRefusal {
    }

    /** An operator tried to disable their own account. */
    record CannotDisableSelf() implements AccountRefusal {
    }

    /** The username is in use (or was, by a disabled member of staff). */
    record UsernameTaken() implements AccountRefusal {
    }

    /** Any failed staff sign-in: which check failed is for the audit log only. */
    record SignInFailed() implements AccountRefusal {
    }

    /** Sign-in for the username is locked after repeated failures, for {@code retryAfter}. */
    record SignInLocked(Duration retryAfter) implements AccountRefusal {
    }

    /** The verified contact has no account yet and no name was given to create one. */
    record NameRequired() implements AccountRefusal {
    }

    /** No module on this deployment redeems verification tokens. */
    record VerificationUnavailable() implements AccountRefusal {
    }

    /** The verification token is malformed, unknown, spent, expired or for another purpose (or names no account). */
    record VerificationFailed() implements AccountRefusal {
    }

    /** An account already uses the verified contact. */
    record AlreadyRegistered() implements AccountRefusal {
    }
}
