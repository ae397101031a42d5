package my.benteng.checkin.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Check-in rows; with {@link JdbcVisits} (reads for tracing) the only code that touches the {@code checkin} table. */
@Repository
class JdbcCheckins {

    private static final String COLUMNS = "id, citizen_id, premises_id, checked_in_at, checked_out_at, dependants";
    private static final RowMapper<Row> ROW = (rs, n) -> {
        long out = rs.getLong("checked_out_at");
        Instant checkedOut = rs.wasNull() ? null : Instant.ofEpochMilli(out);
        String dependants = rs.getString("dependants");
        return new Row(rs.getString("id"), rs.getString("citizen_id"), new PremisesId(rs.getString("premises_id")),
                Instant.ofEpochMilli(rs.getLong("checked_in_at")), checkedOut,
                dependants == null || dependants.isEmpty() ? List.of() : Arrays.asList(dependants.split("\n")));
    };

    private final JdbcClient jdbc;
    private final DatabaseDialect dialect;

    JdbcCheckins(JdbcClient jdbc, DatabaseDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Serialises check-ins of one citizen at one premises until the transaction ends, so that two scans sent at
     * once cannot both miss the other and insert two visits. SQLite needs nothing: its transactions take the
     * write lock at BEGIN. On PostgreSQL a transaction-scoped advisory lock on a hash of the pair; a collision
     * between two pairs only serialises them, it never merges their check-ins.
     */
    void lockVisit(String citizenId, PremisesId premises) {
        if (dialect.isPostgres()) {
            long key = (long) citizenId.hashCode() << 32 ^ (premises.value().hashCode() & 0xffffffffL);
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", key).query(Object.class).list();
        }
    }

    record Row(String id, String citizenId, PremisesId premisesId, Instant checkedInAt, Instant checkedOutAt, List<String> dependants) {
    }

    void insert(Row row) {
        jdbc.sql("INSERT INTO checkin (" + COLUMNS + ") VALUES (:id, :citizen, :premises, :at, NULL, :dependants)")
                .param("id", row.id()).param("citizen", row.citizenId()).param("premises", row.premisesId().value())
                .param("at", row.checkedInAt().toEpochMilli())
                .param("dependants", row.dependants().isEmpty() ? null : String.join("\n", row.dependants())).update();
    }

    /** The citizen's newest open check-in at the premises made after {@code since}, if any. */
    Optional<Row> openSince(String citizenId, PremisesId premises, Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checkin WHERE citizen_id = :citizen AND checked_in_at > :since"
                        + " AND premises_id = :premises AND checked_out_at IS NULL ORDER BY checked_in_at DESC LIMIT 1")
                .param("citizen", citizenId).param("since", since.toEpochMilli()).param("premises", premises.value())
                .query(ROW).optional();
    }

    Optional<Row> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checkin WHERE id = :id").param("id", id).query(ROW).optional();
    }

    /** Sets the check-out time once; false when the row is not the citizen's or is already checked out. */
    boolean checkOut(String id, String citizenId, Instant at) {
        return jdbc.sql("UPDATE checkin SET checked_out_at = :at WHERE id = :id AND citizen_id = :citizen AND checked_out_at IS NULL")
                .param("at", at.toEpochMilli()).param("id", id).param("citizen", citizenId).update() == 1;
    }

    List<Row> history(String citizenId, int offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM checkin WHERE citizen_id = :citizen ORDER BY checked_in_at DESC, id DESC"
                        + " LIMIT :limit OFFSET :offset")
                .param("citizen", citizenId).param("limit", limit).param("offset", offset).query(ROW).list();
    }

    /** Deletes up to {@code batch} check-ins made before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff, int batch) {
        // the outer time bound lets PostgreSQL prune partitions for the id probes too
        return jdbc.sql("DELETE FROM checkin WHERE checked_in_at < :cutoff AND id IN (SELECT id FROM checkin WHERE checked_in_at < :cutoff"
                        + " ORDER BY checked_in_at LIMIT :batch)")
                .param("cutoff", cutoff.toEpochMilli()).param("batch", batch).update();
    }
}
