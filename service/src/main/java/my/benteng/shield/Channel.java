package my.benteng.shield;

/** How a code travels to its destination. */
public enum Channel {
    SMS,
    EMAIL
}
