package my.benteng.messaging;

/**
 * What the outbox does with a message whose delivery is uncertain: a dispatcher died (or lost its lease) after it
 * may have handed the message to the provider and before it recorded the answer, or the provider took the request
 * and never answered. Declared per {@link Template}.
 */
public enum DeliverySemantics {
    /**
     * Never sent blindly again: the message ends {@link DeliveryStatus#UNCERTAIN}. A second copy would cost money
     * and look like SMS bombing, and the person can simply ask again. Resent only over a gateway that is declared
     * to deduplicate by reference ({@code benteng.messaging.sms.http.deduplicates-by-reference}).
     */
    AT_MOST_ONCE,
    /** Sent again under the same reference: a duplicate is harmless, a lost message is not. */
    AT_LEAST_ONCE
}
