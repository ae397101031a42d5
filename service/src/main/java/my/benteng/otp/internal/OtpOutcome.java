package my.benteng.otp.internal;

import java.time.Duration;
import java.time.Instant;

/** What became of a verification attempt; the web layer turns each into its status code. */
public sealed interface OtpOutcome {

    record Verified(String verificationToken, Instant expiresAt) implements OtpOutcome {
        @Override
        public String toString() {
            return "Verified[token=redacted, expiresAt=" + expiresAt + "]";
        }
    }

    record WrongCode(int attemptsLeft) implements OtpOutcome {
    }

    /** Unknown, expired, used, revoked or out of attempts: the code can no longer be used. */
    record Gone() implements OtpOutcome {
    }

    record Locked(Duration retryAfter) implements OtpOutcome {
    }
}
