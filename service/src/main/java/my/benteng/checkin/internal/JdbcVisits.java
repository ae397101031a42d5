package my.benteng.checkin.internal;

import my.benteng.checkin.Visit;
import my.benteng.checkin.Visits;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Visits} over the {@code checkin} table. The overlap test is in SQL, after the index range
 * {@code checked_in_at in [from - longestStay, to)}, so only overlapping rows leave the database. The premises scans
 * read only the covering index {@code checkin_premises_cover} (V31): premises, check-in, check-out and citizen.
 */
@Repository
class JdbcVisits implements Visits {

    private static final RowMapper<Visit> VISIT = (rs, n) -> {
        long out = rs.getLong("checked_out_at");
        Instant checkedOut = rs.wasNull() ? null : Instant.ofEpochMilli(out);
        return new Visit(rs.getString("id"), rs.getString("citizen_id"), new PremisesId(rs.getString("premises_id")),
                Instant.ofEpochMilli(rs.getLong("checked_in_at")), checkedOut);
    };
    private static final String OVERLAPS = overlaps("") + " ORDER BY checked_in_at, id";

    /**
     * The index range and the overlap test for a window bound as {@code :earliest<s>}, {@code :from<s>}, {@code :to<s>}:
     * the stay's end as in Visit.end (check-out or check-in + assumed stay, capped at check-in + longest stay).
     */
    private static String overlaps(String s) {
        return " AND checked_in_at >= :earliest" + s + " AND checked_in_at < :to" + s
                + " AND (CASE WHEN checked_out_at IS NULL THEN checked_in_at + :assumed"
                + " WHEN checked_out_at > checked_in_at + :longest THEN checked_in_at + :longest ELSE checked_out_at END) > :from" + s;
    }

    private final JdbcClient jdbc;

    JdbcVisits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Visit> ofCitizen(String citizenId, Instant from, Instant to, Duration assumedStay, Duration longestStay) {
        return jdbc.sql("SELECT id, citizen_id, premises_id, checked_in_at, checked_out_at FROM checkin WHERE citizen_id = :key" + OVERLAPS)
                .param("key", citizenId).params(window(from, to, assumedStay, longestStay)).query(VISIT).list();
    }

    /** Citizens per statement of {@link #ofCitizens}: one IN list, each id a probe of the citizen index. */
    static final int CITIZENS_PER_STATEMENT = 500;

    @Override
    public List<Visit> ofCitizens(Collection<String> citizenIds, Instant from, Instant to, Duration assumedStay, Duration longestStay) {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(citizenIds));
        List<Visit> found = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CITIZENS_PER_STATEMENT) {
            found.addAll(jdbc.sql("SELECT id, citizen_id, premises_id, checked_in_at, checked_out_at FROM checkin WHERE citizen_id IN (:keys)"
                            + overlaps(""))
                    .param("keys", all.subList(i, Math.min(all.size(), i + CITIZENS_PER_STATEMENT)))
                    .params(window(from, to, assumedStay, longestStay)).query(VISIT).list());
        }
        return found;
    }

    @Override
    public List<Visit> atPremises(PremisesId premises, Instant from, Instant to, Duration assumedStay, Duration longestStay) {
        return jdbc.sql("SELECT id, citizen_id, premises_id, checked_in_at, checked_out_at FROM checkin WHERE premises_id = :key" + OVERLAPS)
                .param("key", premises.value()).params(window(from, to, assumedStay, longestStay)).query(VISIT).list();
    }

    /** Windows per statement: each is one index range scan in a UNION ALL, bounded by the parameters it binds. */
    static final int WINDOWS_PER_STATEMENT = 100;

    @Override
    public Map<String, Instant> contacts(List<Window> windows, String excludedCitizen, Duration assumedStay, Duration longestStay) {
        Map<String, Instant> contacts = new HashMap<>();
        for (int i = 0; i < windows.size(); i += WINDOWS_PER_STATEMENT) {
            List<Window> chunk = windows.subList(i, Math.min(windows.size(), i + WINDOWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("SELECT citizen_id, MIN(exposed) AS exposed_at FROM (");
            Map<String, Object> params = new HashMap<>();
            for (int w = 0; w < chunk.size(); w++) {
                Window window = chunk.get(w);
                // the same range and overlap test as atPremises; the citizen and the stay's end come from the index
                sql.append(w == 0 ? "" : " UNION ALL ").append("SELECT citizen_id, CASE WHEN checked_in_at > :from").append(w)
                        .append(" THEN checked_in_at ELSE :from").append(w).append(" END AS exposed FROM checkin WHERE premises_id = :key")
                        .append(w).append(" AND citizen_id <> :self").append(overlaps(Integer.toString(w)));
                Map<String, Object> bounds = window(window.from(), window.to(), assumedStay, longestStay);
                params.put("key" + w, window.premises().value());
                for (String name : List.of("from", "to", "earliest")) {
                    params.put(name + w, bounds.get(name));
                }
            }
            sql.append(") x GROUP BY citizen_id");
            params.put("self", excludedCitizen);
            params.put("assumed", assumedStay.toMillis());
            params.put("longest", longestStay.toMillis());
            jdbc.sql(sql.toString()).params(params).query((rs, n) -> contacts.merge(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                    (a, b) -> a.isBefore(b) ? a : b)).list();
        }
        return contacts;
    }

    private static java.util.Map<String, Object> window(Instant from, Instant to, Duration assumedStay, Duration longestStay) {
        if (assumedStay.isNegative() || longestStay.compareTo(assumedStay) < 0) {
            throw new IllegalArgumentException("need 0 <= assumedStay <= longestStay");
        }
        return java.util.Map.of("from", from.toEpochMilli(), "to", to.toEpochMilli(), "earliest", from.minus(longestStay).toEpochMilli(),
                "assumed", assumedStay.toMillis(), "longest", longestStay.toMillis());
    }
}
