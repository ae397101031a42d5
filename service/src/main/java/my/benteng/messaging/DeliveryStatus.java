package my.benteng.messaging;

/** Where an outbox message stands. All but the first two are terminal: its parameters are wiped then. */
public enum DeliveryStatus {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** Claimed by a dispatcher; claimable again when the lease runs out (a crashed dispatcher). */
    SENDING,
    /** The provider accepted it. */
    SENT,
    /** Refused by the provider, or still failing after the last allowed attempt. */
    FAILED,
    /** Not sent: the recipient asked to receive nothing but security-critical messages. */
    SUPPRESSED,
    /** Not sent: the channel's daily or monthly spend cap was reached. */
    CAPPED,
    /** Not sent: it was held back and cancelled before it was due (see {@link Messaging#cancelHeld}). */
    CANCELLED,
    /**
     * Not known whether it reached the recipient: its dispatcher died (or lost its lease) after it may have handed
     * the message to the provider, or the provider took the request and never answered; the template is
     * {@link DeliverySemantics#AT_MOST_ONCE}, so it is never sent again. Counted as spent: it may have been billed.
     */
    UNCERTAIN;

    public boolean isTerminal() {
        return this != PENDING && this != SENDING;
    }
}
