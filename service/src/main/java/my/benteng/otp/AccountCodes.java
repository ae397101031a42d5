package my.benteng.otp;

import my.benteng.account.Purpose;
import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.shield.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends a code to a contact another module read from the citizen's account (e.g. eKYC consent), never to one
 * taken from a request. The code goes through the same shield assessment, resend cooldown, storage and
 * verification ({@code POST /api/v1/otp/requests/{id}/verify}) as any other code.
 */
public interface AccountCodes {

    /**
     * Asks for a code for {@code purpose} to {@code accountContact}.
     *
     * @param accountContact the contact on record — callers must take it from {@link my.benteng.account.Citizens#contactOf}
     * @param pow            the caller's proof-of-work solution, if any
     */
    Outcome send(Contact accountContact, Purpose purpose, ClientIp ip, Optional<String> pow);

    /** What became of the request. */
    sealed interface Outcome {
        /** The code is on its way; verify it under {@code requestId}. */
        record Sent(UUID requestId, Instant expiresAt, Instant resendAfter) implements Outcome {
        }

        /** The shield refused or asked for proof of work. */
        record Refused(Verdict verdict) implements Outcome {
        }

        /** A code for this contact and purpose went out moments ago. */
        record TooSoon(Duration retryAfter) implements Outcome {
        }
    }
}
