package my.benteng.platform;

/**
 * How a message or a code travels: {@link #SMS} to a phone number, {@link #EMAIL} to an e-mail address. It follows
 * from the {@link Contact} ({@link Contact#channel()}), so no caller chooses it separately.
 * <p>The constant names are stored data — the channel columns of the outbox, the suppression list, citizens, tickets
 * and one-time codes — and part of keyed-hash inputs (the account's contact hash, the helpdesk's acknowledgement
 * key): renaming one orphans rows and hashes already stored.
 */
public enum Channel {
    /** A text message to a mobile number, through the SMS gateway. */
    SMS,
    /** An e-mail, through SMTP. */
    EMAIL
}
