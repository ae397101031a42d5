package my.benteng.detection.internal.sigma;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a rule looks at: a flat map of ECS-style dotted fields ({@code event.action}, {@code event.outcome},
 * {@code source.ip}, {@code user.id}, {@code labels.purpose}, ...), the time it happened and the audit sequence number
 * it was appended under (0 when it is not an audit entry, such as a verification result).
 */
public final class Event {

    private final long seq;
    private final Instant time;
    private final Map<String, String> fields;

    /**
     * @param seq    audit sequence number, 0 for none
     * @param time   when the event was recorded: correlation windows are counted in this time, never a client's
     * @param fields field name to value (copied); a field that is absent has no entry
     */
    public Event(long seq, Instant time, Map<String, String> fields) {
        this(seq, time, new HashMap<>(fields), true);
    }

    private Event(long seq, Instant time, HashMap<String, String> owned, boolean unused) {
        this.seq = seq;
        this.time = Objects.requireNonNull(time, "time");
        // a HashMap behind a read-only view: every rule looks fields up, and MapN's probing was measurably slower
        this.fields = Collections.unmodifiableMap(owned);
    }

    /** Takes the map without copying it: the caller made it for this event and never touches it again (the mapper). */
    public static Event owning(long seq, Instant time, HashMap<String, String> fields) {
        return new Event(seq, time, fields, true);
    }

    public long seq() {
        return seq;
    }

    public Instant time() {
        return time;
    }

    public Map<String, String> fields() {
        return fields;
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
