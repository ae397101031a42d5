package my.benteng.messaging;

/** The way a message travels; it follows from the {@link Recipient}. */
public enum Channel {
    SMS,
    EMAIL
}
