package my.benteng.checkin.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Check-in rows; with {@link JdbcVisits} (reads for tracing) the only code that touches the {@code checkin} table. */
@Repository
class JdbcCheckins {

    private static final int ROWS_PER_INSERT = 100;
    private static final String COLUMNS = "id, citizen_id, premises_id, checked_in_at, checked_out_at, dependants";
    private static final RowMapper<Row> ROW = (rs, n) -> {
        long out = rs.getLong("checked_out_at");
        Instant checkedOut = rs.wasNull() ? null : Instant.ofEpochMilli(out);
        String dependants = rs.getString("dependants");
        return new Row(rs.getString("id"), rs.getString("citizen_id"), new PremisesId(rs.getString("premises_id")),
                Instant.ofEpochMilli(rs.getLong("checked_in_at")), checkedOut,
                dependants == null || dependants.isEmpty() ? List.of() : Arrays.asList(dependants.split("\n")));
    };

    /**
     * PostgreSQL, one round trip for a whole batch: the pairs' advisory locks, then — as a second statement, so that
     * its READ COMMITTED snapshot is taken after the locks are held — the repeat-window read and the INSERT of every
     * scan that repeats nothing. pgjdbc sends both statements (and the transaction's BEGIN) before one Sync.
     * The repeat read is a probe per scan on purpose, and the {@code OFFSET 0} fence too: it reads the citizen's open
     * check-ins in the window (a handful, index {@code checkin_citizen_time}) and only then keeps the pair's newest.
     * Without them, on a day partition whose statistics are not analysed yet (every row "recent"), the planner chose
     * to read the whole window of {@code checkin_time} (a hash join) or of {@code checkin_premises_cover} (the premises'
     * every check-in of the last five minutes per scan): 10-30 ms of database CPU per batch, growing with the traffic.
     */
    private static final String LOCK_AND_INSERT = """
            SELECT pg_advisory_xact_lock(k) FROM unnest(?::bigint[]) AS k;
            WITH scan AS (
                SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[])
                    AS s (id, citizen_id, premises_id, checked_in_at, dependants)
            ), repeat AS (
                SELECT s.id AS scan_id, o.id, o.checked_in_at, o.dependants
                FROM scan s CROSS JOIN LATERAL (
                    SELECT c.id, c.checked_in_at, c.dependants FROM (
                        SELECT c.id, c.premises_id, c.checked_in_at, c.dependants FROM checkin c
                        WHERE c.citizen_id = s.citizen_id AND c.checked_in_at > ? AND c.checked_in_at > s.checked_in_at - ?
                          AND c.checked_out_at IS NULL
                        OFFSET 0) c
                    WHERE c.premises_id = s.premises_id
                    ORDER BY c.checked_in_at DESC LIMIT 1) o
            ), inserted AS (
                INSERT INTO checkin (id, citizen_id, premises_id, checked_in_at, checked_out_at, dependants)
                SELECT s.id, s.citizen_id, s.premises_id, s.checked_in_at, NULL, s.dependants FROM scan s
                WHERE NOT EXISTS (SELECT 1 FROM repeat r WHERE r.scan_id = s.id)
            )
            SELECT scan_id, id, checked_in_at, dependants FROM repeat""";

    private final JdbcTemplate template;
    private final JdbcClient jdbc;
    private final DatabaseDialect dialect;

    JdbcCheckins(JdbcTemplate template, DatabaseDialect dialect) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
        this.dialect = dialect;
    }

    /**
     * Serialises check-ins of these (citizen, premises) pairs with every other transaction that locks them, until
     * this transaction ends, so that two nodes' writers cannot both miss the other's check-in and insert two visits.
     * SQLite needs nothing: its transactions take the write lock at BEGIN. On PostgreSQL one statement takes a
     * transaction-scoped advisory lock on a hash of each pair, in ascending key order so that two batches never wait
     * for each other in a cycle; a collision between two pairs only serialises them, it never merges their check-ins.
     */
    void lockVisits(Collection<Pair> pairs) {
        if (!dialect.isPostgres() || pairs.isEmpty()) {
            return;
        }
        List<Long> keys = pairs.stream().map(JdbcCheckins::lockKey).distinct().sorted().toList();
        // unnest keeps the array's order, so the locks are taken in ascending order
        jdbc.sql("SELECT pg_advisory_xact_lock(k) FROM unnest(ARRAY[:keys]::bigint[]) AS k").param("keys", keys).query(Object.class).list();
    }

    /**
     * PostgreSQL only, inside the caller's transaction: locks the scans' pairs as {@link #lockVisits} does and inserts
     * each scan unless its pair has an open check-in younger than {@code window} before the scan's time; in ONE round
     * trip ({@link #LOCK_AND_INSERT}). The scans must be of distinct pairs. Returns, by scan id, the open check-in a
     * scan repeats (and was therefore not inserted); every scan not in the answer was inserted.
     *
     * @param since lower bound of every scan's window (the oldest scan's time minus the window), for partition pruning
     */
    Map<String, Row> lockAndInsertUnlessOpen(List<Row> scans, Duration window, Instant since) {
        if (!dialect.isPostgres()) {
            throw new IllegalStateException("PostgreSQL only");
        }
        Long[] keys = scans.stream().map(r -> lockKey(new Pair(r.citizenId(), r.premisesId()))).distinct().sorted().toArray(Long[]::new);
        int n = scans.size();
        String[] ids = new String[n];
        String[] citizens = new String[n];
        String[] premises = new String[n];
        Long[] times = new Long[n];
        String[] dependants = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = scans.get(i);
            ids[i] = r.id();
            citizens[i] = r.citizenId();
            premises[i] = r.premisesId().value();
            times[i] = r.checkedInAt().toEpochMilli();
            dependants[i] = r.dependants().isEmpty() ? null : String.join("\n", r.dependants());
        }
        Map<String, Row> repeats = new HashMap<>();
        template.execute((ConnectionCallback<Void>) con -> {
            try (PreparedStatement ps = con.prepareStatement(LOCK_AND_INSERT)) {
                List<Array> arrays = List.of(con.createArrayOf("bigint", keys), con.createArrayOf("varchar", ids),
                        con.createArrayOf("varchar", citizens), con.createArrayOf("varchar", premises), con.createArrayOf("bigint", times),
                        con.createArrayOf("varchar", dependants));
                for (int i = 0; i < arrays.size(); i++) {
                    ps.setArray(i + 1, arrays.get(i));
                }
                ps.setLong(7, since.toEpochMilli());
                ps.setLong(8, window.toMillis());
                ps.execute();
                // first result: the locks; then the repeats
                while (!ps.getMoreResults() && ps.getUpdateCount() != -1) {
                    // skip update counts (none expected)
                }
                try (ResultSet rs = ps.getResultSet()) {
                    Map<String, Row> byId = new HashMap<>();
                    scans.forEach(r -> byId.put(r.id(), r));
                    while (rs != null && rs.next()) {
                        Row scan = byId.get(rs.getString(1));
                        String deps = rs.getString(4);
                        repeats.put(scan.id(), new Row(rs.getString(2), scan.citizenId(), scan.premisesId(), Instant.ofEpochMilli(rs.getLong(3)),
                                null, deps == null || deps.isEmpty() ? List.of() : Arrays.asList(deps.split("\n"))));
                    }
                }
                for (Array a : arrays) {
                    a.free();
                }
            }
            return null;
        });
        return repeats;
    }

    private static long lockKey(Pair pair) {
        return (long) pair.citizenId().hashCode() << 32 ^ (pair.premisesId().value().hashCode() & 0xffffffffL);
    }

    /** A citizen at a premises: what the repeat window is about. */
    record Pair(String citizenId, PremisesId premisesId) {
    }

    record Row(String id, String citizenId, PremisesId premisesId, Instant checkedInAt, Instant checkedOutAt, List<String> dependants) {
    }

    void insert(Row row) {
        insertAll(List.of(row));
    }

    /** Inserts the rows with multi-row INSERTs of up to {@value #ROWS_PER_INSERT} rows (one round trip each). */
    void insertAll(List<Row> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO checkin (").append(COLUMNS).append(") VALUES ");
            List<Object> values = new ArrayList<>(chunk.size() * 5);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, NULL, ?)");
                Row row = chunk.get(i);
                values.add(row.id());
                values.add(row.citizenId());
                values.add(row.premisesId().value());
                values.add(row.checkedInAt().toEpochMilli());
                // typed, so that a NULL does not make the driver ask the server for the parameter's type
                values.add(new SqlParameterValue(Types.VARCHAR, row.dependants().isEmpty() ? null : String.join("\n", row.dependants())));
            }
            jdbc.sql(sql.toString()).params(values).update();
        }
    }

    /**
     * Open check-ins (no check-out) of these citizens made after {@code since}, at any premises: one read for a whole
     * batch of the repeat-window checks (index {@code checkin_citizen_time}; on PostgreSQL the time bound prunes
     * partitions).
     */
    List<Row> openOfCitizens(Collection<String> citizenIds, Instant since) {
        List<Row> rows = new ArrayList<>();
        List<String> ids = List.copyOf(new java.util.LinkedHashSet<>(citizenIds));
        for (int from = 0; from < ids.size(); from += 500) {
            rows.addAll(jdbc.sql("SELECT " + COLUMNS + " FROM checkin WHERE citizen_id IN (:citizens) AND checked_in_at > :since"
                            + " AND checked_out_at IS NULL")
                    .param("citizens", ids.subList(from, Math.min(ids.size(), from + 500))).param("since", since.toEpochMilli())
                    .query(ROW).list());
        }
        return rows;
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
