package my.benteng.detection.internal.sigma;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule looks at: a flat map of ECS-style dotted fields ({@code event.action}, {@code event.outcome},
 * {@code source.ip}, {@code user.id}, {@code labels.purpose}, ...), the time it happened and the audit sequence number
 * it was appended under (0 when it is not an audit entry, such as a verification result).
 *
 * @param seq    audit sequence number, 0 for none
 * @param time   when the event was recorded: correlation windows are counted in this time, never a client's
 * @param fields field name to value; a field that is absent has no entry
 */
public record Event(long seq, Instant time, Map<String, String> fields) {

    public Event {
        Objects.requireNonNull(time, "time");
        fields = Map.copyOf(fields);
    }

    /** The field's value, or null when the event has none. */
    public String field(String name) {
        return fields.get(name);
    }

    /** Field names only: the values may be personal data, even masked. */
    @Override
    public String toString() {
        return "Event[seq=" + seq + ", time=" + time + ", fields=" + fields.keySet() + "]";
    }
}
