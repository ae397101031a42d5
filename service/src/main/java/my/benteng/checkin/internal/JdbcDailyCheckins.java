package my.benteng.checkin.internal;

import my.benteng.premises.DailyCheckins;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link DailyCheckins} over the {@code checkin} table: one range scan of the premises index, counted per day in SQL, so
 * only one row per day leaves the database (and never a citizen id).
 */
@Repository
class JdbcDailyCheckins implements DailyCheckins {

    private static final long DAY_MILLIS = 86_400_000L;

    private final JdbcClient jdbc;

    JdbcDailyCheckins(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<LocalDate, Integer> perDay(PremisesId premises, LocalDate first, LocalDate last, ZoneId zone) {
        if (last.isBefore(first) || last.toEpochDay() - first.toEpochDay() > 30) {
            throw new IllegalArgumentException("a range of 1 to 31 days");
        }
        long from = first.atStartOfDay(zone).toInstant().toEpochMilli();
        long to = last.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        // days are cut at the zone's offset at the start of the range: exact for Malaysia (no daylight saving), and
        // off by the shift for at most one day a year where clocks change
        ZoneOffset offset = zone.getRules().getOffset(first.atStartOfDay(zone).toInstant());
        long shift = offset.getTotalSeconds() * 1000L;
        Map<LocalDate, Integer> counts = new TreeMap<>();
        jdbc.sql("""
                        SELECT day_number, COUNT(*) AS checkins FROM (
                            SELECT (checked_in_at + :shift) / :day AS day_number FROM checkin
                            WHERE premises_id = :premises AND checked_in_at >= :from AND checked_in_at < :to) days
                        GROUP BY day_number""")
                .param("shift", shift).param("day", DAY_MILLIS).param("premises", premises.value()).param("from", from).param("to", to)
                .query(rs -> {
                    counts.put(LocalDate.ofEpochDay(rs.getLong("day_number")), rs.getInt("checkins"));
                });
        return counts;
    }
}
