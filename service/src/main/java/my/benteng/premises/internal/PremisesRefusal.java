package my.benteng.premises.internal;

import my.benteng.platform.Refusal;

import java.time.Duration;

/** Why a premises request is refused; {@code web.PremisesProblems} words each for clients. */
public sealed interface PremisesRefusal extends Refusal {

    /** No premises of the caller's has that id (someone else's answers the same: ids are not confirmed to strangers). */
    record PremisesNotFound() implements PremisesRefusal {
    }

    /** A registration, QR or poster limit is spent for {@code retryAfter}. */
    record TooManyRequests(Duration retryAfter) implements PremisesRefusal {
    }

    /** No module on this deployment redeems verification tokens. */
    record VerificationUnavailable() implements PremisesRefusal {
    }

    /** The owner's verification token is malformed, unknown, spent, expired or for another purpose. */
    record VerificationFailed() implements PremisesRefusal {
    }
}
