package my.benteng.shield;

import java.time.Duration;
import java.util.Objects;

/**
 * The shield's answer to an {@link Attempt}. {@code reason} is a stable internal code
 * ({@code shield.destination.hourly_cap}) for audit and metrics; never show it to the client.
 */
public sealed interface Verdict {

    /** Stable internal reason code. */
    String reason();

    /** Send the code now: the limits have been consumed. */
    record Allow() implements Verdict {
        @Override
        public String reason() {
            return "shield.allowed";
        }
    }

    /**
     * Solve this proof-of-work challenge and try again (HTTP 428 carrying {@code challenge}).
     *
     * @param difficulty the challenge's maximum number (expected work is half of it)
     */
    record Challenge(long difficulty, PowChallenge challenge, String reason) implements Verdict {
        public Challenge {
            Objects.requireNonNull(challenge, "challenge");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Refused; {@code retryAfter} is zero when retrying cannot help. */
    record Deny(String reason, Duration retryAfter, DenyKind kind) implements Verdict {
        public Deny {
            Objects.requireNonNull(reason, "reason");
            retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
            Objects.requireNonNull(kind, "kind");
        }
    }
}
