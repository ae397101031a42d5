package my.benteng.shield.internal;

import java.util.List;

/**
 * What the shield state decided, in the manner of a bucket4j {@code ConsumptionProbe}: never a bare boolean.
 *
 * @param reason           reason code of the refusing limit (REFUSED only)
 * @param retryAfterMillis how long until the refusing limit or block would admit (0 when allowed)
 * @param velocity         sent/verified counts per velocity key after this consumption (ALLOWED only)
 */
record StateOutcome(Status status, String reason, long retryAfterMillis, List<Counts> velocity) {

    enum Status {
        ALLOWED,
        /** A limit refused; nothing was consumed. */
        REFUSED,
        /** An active prefix block refused; nothing was consumed. */
        BLOCKED,
        /** The PoW solution was already spent; nothing was consumed. */
        REPLAYED
    }

    /** Codes sent and verified in the velocity window. */
    record Counts(long sent, long verified) {
    }

    static StateOutcome allowed(List<Counts> velocity) {
        return new StateOutcome(Status.ALLOWED, null, 0, List.copyOf(velocity));
    }

    static StateOutcome refused(String reason, long retryAfterMillis) {
        return new StateOutcome(Status.REFUSED, reason, Math.max(0, retryAfterMillis), List.of());
    }

    static StateOutcome blocked(long retryAfterMillis) {
        return new StateOutcome(Status.BLOCKED, null, Math.max(0, retryAfterMillis), List.of());
    }

    static StateOutcome replayed() {
        return new StateOutcome(Status.REPLAYED, null, 0, List.of());
    }
}
