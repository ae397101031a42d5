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

    /**
     * Send the code: the limits have been consumed. A first-contact code into a number range that looks
     * attacked is sent only after {@code hold}, under {@code holdKey}: if the shield blocks that range in the
     * meantime it publishes {@link PrefixBlocked} with the same key, and the held codes are cancelled unsent.
     *
     * @param hold    how long to hold the message back before it may be sent ({@link Duration#ZERO}: at once)
     * @param holdKey the key to hold it under, or null when {@code hold} is zero
     */
    record Allow(Duration hold, String holdKey) implements Verdict {

        public Allow {
            hold = hold == null || hold.isNegative() ? Duration.ZERO : hold;
            if (!hold.isZero() && holdKey == null) {
                throw new IllegalArgumentException("a held code needs a hold key");
            }
        }

        /** Send at once. */
        public Allow() {
            this(Duration.ZERO, null);
        }

        public boolean held() {
            return !hold.isZero();
        }

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
