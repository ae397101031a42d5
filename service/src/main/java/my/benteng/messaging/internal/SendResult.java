package my.benteng.messaging.internal;

/** A provider's answer, reduced to what the dispatcher decides on. {@code code} is a short stable code. */
sealed interface SendResult {

    record Accepted() implements SendResult {
    }

    /** Worth another attempt later: timeouts, 5xx, 429, SMTP 4xx. */
    record Retry(String code) implements SendResult {
    }

    /**
     * The request may have reached the provider but no answer came (a read timeout, a connection lost mid-answer):
     * retried like {@link Retry} only where a duplicate is acceptable (see {@link UncertainDeliveryPolicy}).
     */
    record Uncertain(String code) implements SendResult {
    }

    /** Retrying cannot help: the provider refused this message (a 4xx other than 408/429, SMTP 5xx). */
    record Rejected(String code) implements SendResult {
    }
}
