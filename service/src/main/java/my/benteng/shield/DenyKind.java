package my.benteng.shield;

/** Why the shield refused, in the terms the caller needs to choose a status code. */
public enum DenyKind {
    /** The destination can never receive a code (region, number type, disposable domain, operator deny): 422. */
    UNDELIVERABLE,
    /** A limit or block refused for now: 429 with {@code Retry-After}. */
    RATE_LIMITED,
    /** The shield cannot decide (limit store down) or sending is switched off (spend cap): 503, fail closed. */
    UNAVAILABLE
}
