package my.benteng.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry that is now part of the chain: its transaction committed.
 *
 * @param seq        its sequence number in the chain
 * @param recordedAt the time the chain recorded for it (the service's clock, never a client's)
 * @param event      the event as appended (masked by the {@link AuditEvent} contract)
 */
public record AuditAppended(long seq, Instant recordedAt, AuditEvent event) {

    public AuditAppended {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(event, "event");
    }
}
