package my.benteng.checkin.internal;

import my.benteng.checkin.Visit;
import my.benteng.checkin.Visits;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@link Visits} over the {@code checkin} table. The overlap test is in SQL, after the index range
 * {@code checked_in_at in [from - longestStay, to)}, so only overlapping rows leave the database.
 */
@Repository
class JdbcVisits implements Visits {

    private static final RowMapper<Visit> VISIT = (rs, n) -> {
        long out = rs.getLong("checked_out_at");
        Instant checkedOut = rs.wasNull() ? null : Instant.ofEpochMilli(out);
        return new Visit(rs.getString("id"), rs.getString("citizen_id"), new PremisesId(rs.getString("premises_id")),
                Instant.ofEpochMilli(rs.getLong("checked_in_at")), checkedOut);
    };
    // the stay's end as in Visit.end: check-out or check-in + assumed stay, capped at check-in + longest stay
    private static final String OVERLAPS = " AND checked_in_at >= :earliest AND checked_in_at < :to"
            + " AND (CASE WHEN checked_out_at IS NULL THEN checked_in_at + :assumed"
            + " WHEN checked_out_at > checked_in_at + :longest THEN checked_in_at + :longest ELSE checked_out_at END) > :from"
            + " ORDER BY checked_in_at, id";

    private final JdbcClient jdbc;

    JdbcVisits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Visit> ofCitizen(String citizenId, Instant from, Instant to, Duration assumedStay, Duration longestStay) {
        return jdbc.sql("SELECT id, citizen_id, premises_id, checked_in_at, checked_out_at FROM checkin WHERE citizen_id = :key" + OVERLAPS)
                .param("key", citizenId).params(window(from, to, assumedStay, longestStay)).query(VISIT).list();
    }

    @Override
    public List<Visit> atPremises(PremisesId premises, Instant from, Instant to, Duration assumedStay, Duration longestStay) {
        return jdbc.sql("SELECT id, citizen_id, premises_id, checked_in_at, checked_out_at FROM checkin WHERE premises_id = :key" + OVERLAPS)
                .param("key", premises.value()).params(window(from, to, assumedStay, longestStay)).query(VISIT).list();
    }

    private static java.util.Map<String, Object> window(Instant from, Instant to, Duration assumedStay, Duration longestStay) {
        if (assumedStay.isNegative() || longestStay.compareTo(assumedStay) < 0) {
            throw new IllegalArgumentException("need 0 <= assumedStay <= longestStay");
        }
        return java.util.Map.of("from", from.toEpochMilli(), "to", to.toEpochMilli(), "earliest", from.minus(longestStay).toEpochMilli(),
                "assumed", assumedStay.toMillis(), "longest", longestStay.toMillis());
    }
}
