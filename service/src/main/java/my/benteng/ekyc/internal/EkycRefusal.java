package my.benteng.ekyc.internal;

import my.benteng.platform.Refusal;

/** Why a relying party's signed request is refused; {@code web.EkycProblems} words each for the relying party. */
public sealed interface EkycRefusal extends Refusal {

    /** A signature header is missing or not of the documented shape. */
    record SignatureRequired() implements EkycRefusal {
    }

    /** The request's timestamp is more than {@code skewSeconds} from the server's clock. */
    record StaleRequest(long skewSeconds) implements EkycRefusal {
    }

    /** The key id is not registered, or its relying party is disabled. */
    record UnknownKey() implements EkycRefusal {
    }

    /** The request came from outside the networks registered for the key. */
    record SourceNotAllowed() implements EkycRefusal {
    }

    /** The signature does not match the request. */
    record BadSignature() implements EkycRefusal {
    }

    /** The nonce was used before. */
    record Replayed() implements EkycRefusal {
    }
}
