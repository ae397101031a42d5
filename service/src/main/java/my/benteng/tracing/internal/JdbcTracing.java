package my.benteng.tracing.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Cases, their visits and their contacts' exposures; the only code that reads or writes the tracing tables. */
@Repository
class JdbcTracing {

    /** Rows per multi-row INSERT: few round trips for a mall case's thousands of contacts, few bind parameters each. */
    static final int ROWS_PER_STATEMENT = 250;

    private final JdbcClient jdbc;
    private final DatabaseDialect dialect;

    JdbcTracing(JdbcClient jdbc, DatabaseDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    record CaseRow(String id, String citizenId, Instant infectiousFrom, Instant infectiousTo, int version) {
    }

    private static final String CASE_COLUMNS = "id, citizen_id, infectious_from, infectious_to, version";

    private static CaseRow caseRow(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CaseRow(rs.getString("id"), rs.getString("citizen_id"), Instant.ofEpochMilli(rs.getLong("infectious_from")),
                Instant.ofEpochMilli(rs.getLong("infectious_to")), rs.getInt("version"));
    }

    void insertCase(CaseRow c, String recordedBy, Instant now) {
        jdbc.sql("INSERT INTO tracing_case (id, citizen_id, infectious_from, infectious_to, recorded_by, recorded_at, traced_at, version)"
                        + " VALUES (:id, :citizen, :from, :to, :by, :now, :now, 1)")
                .param("id", c.id()).param("citizen", c.citizenId()).param("from", c.infectiousFrom().toEpochMilli())
                .param("to", c.infectiousTo().toEpochMilli()).param("by", recordedBy).param("now", now.toEpochMilli()).update();
    }

    Optional<CaseRow> findCase(String id) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM tracing_case WHERE id = :id").param("id", id)
                .query((rs, n) -> caseRow(rs)).optional();
    }

    List<CaseRow> casesOf(String citizenId) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM tracing_case WHERE citizen_id = :c ORDER BY infectious_from")
                .param("c", citizenId).query((rs, n) -> caseRow(rs)).list();
    }

    /**
     * Marks a tracing run and, on PostgreSQL, takes the case's row lock until the transaction ends, so that two
     * runs of one case write one after the other (SQLite's transactions are serial anyway). Changes the period
     * when it differs (a correction). False when the case does not exist.
     */
    boolean beginRun(String caseId, Instant from, Instant to, Instant now) {
        return jdbc.sql("UPDATE tracing_case SET traced_at = :now, version = version"
                        + " + CASE WHEN infectious_from <> :from OR infectious_to <> :to THEN 1 ELSE 0 END,"
                        + " infectious_from = :from, infectious_to = :to WHERE id = :id")
                .param("now", now.toEpochMilli()).param("from", from.toEpochMilli()).param("to", to.toEpochMilli())
                .param("id", caseId).update() == 1;
    }

    record CaseVisit(String checkinId, PremisesId premisesId, Instant visitedAt) {
    }

    void replaceCaseVisits(String caseId, List<CaseVisit> visits) {
        jdbc.sql("DELETE FROM tracing_case_visit WHERE case_id = :id").param("id", caseId).update();
        insertRows("INSERT INTO tracing_case_visit (case_id, checkin_id, premises_id, visited_at) VALUES ", "(?, ?, ?, ?)", "", visits,
                v -> List.of(caseId, v.checkinId(), v.premisesId().value(), v.visitedAt().toEpochMilli()));
    }

    /** One multi-row INSERT per {@value #ROWS_PER_STATEMENT} rows: {@code head}, the row placeholders, {@code tail}. */
    private <T> void insertRows(String head, String row, String tail, Collection<T> rows, Function<T, List<Object>> values) {
        List<T> all = new ArrayList<>(rows);
        for (int i = 0; i < all.size(); i += ROWS_PER_STATEMENT) {
            List<T> chunk = all.subList(i, Math.min(all.size(), i + ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder(head);
            List<Object> params = new ArrayList<>(chunk.size() * 4);
            for (int r = 0; r < chunk.size(); r++) {
                sql.append(r == 0 ? "" : ", ").append(row);
                params.addAll(values.apply(chunk.get(r)));
            }
            jdbc.sql(sql.append(tail).toString()).params(params).update();
        }
    }

    void deactivateExposures(String caseId) {
        jdbc.sql("UPDATE tracing_exposure SET active = 0 WHERE case_id = :id").param("id", caseId).update();
    }

    /**
     * Inserts or re-activates the exposures (citizen → exposed at), multi-row; an earlier notification stays recorded.
     * A new row has no notification yet, which queues it for the {@link ContactNotifier}.
     */
    void upsertExposures(String caseId, Map<String, Instant> exposures, Function<Instant, Instant> riskUntil) {
        String upsert = " ON CONFLICT (case_id, citizen_id) DO UPDATE SET exposed_at = excluded.exposed_at,"
                + " risk_until = excluded.risk_until, active = 1";
        if (dialect.isPostgres()) {
            // one statement for any number of contacts: three arrays unnested server-side (no 250-row VALUES lists to
            // parse and plan again and again for a mall case)
            String[] citizens = exposures.keySet().toArray(String[]::new);
            Long[] at = new Long[citizens.length];
            Long[] until = new Long[citizens.length];
            for (int i = 0; i < citizens.length; i++) {
                Instant exposed = exposures.get(citizens[i]);
                at[i] = exposed.toEpochMilli();
                until[i] = riskUntil.apply(exposed).toEpochMilli();
            }
            jdbc.sql("INSERT INTO tracing_exposure (case_id, citizen_id, exposed_at, risk_until, active, notified_at)"
                            + " SELECT ?, u.citizen, u.at, u.until, 1, NULL FROM unnest(CAST(? AS varchar[]), CAST(? AS bigint[]),"
                            + " CAST(? AS bigint[])) AS u (citizen, at, until)" + upsert)
                    .params(List.of(caseId, citizens, at, until)).update();
            return;
        }
        insertRows("INSERT INTO tracing_exposure (case_id, citizen_id, exposed_at, risk_until, active, notified_at) VALUES ",
                "(?, ?, ?, ?, 1, NULL)", upsert, exposures.entrySet(),
                e -> List.of(caseId, e.getKey(), e.getValue().toEpochMilli(), riskUntil.apply(e.getValue()).toEpochMilli()));
    }

    /** All exposures of the case, active or not (they are never deleted by a run, so growth = new contacts). */
    int exposureCount(String caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM tracing_exposure WHERE case_id = :c").param("c", caseId).query(Long.class).single().intValue();
    }

    /** An active exposure that has not been handled by a notification yet. */
    record Pending(String caseId, String citizenId) {
    }

    /**
     * Up to {@code limit} active exposures without a notification. On PostgreSQL the rows stay locked until the
     * transaction ends and rows another notifier holds are skipped, so that two nodes never handle one exposure;
     * SQLite's transactions are serial anyway.
     */
    List<Pending> claimPending(int limit) {
        return jdbc.sql("SELECT case_id, citizen_id FROM tracing_exposure WHERE notified_at IS NULL AND active = 1"
                        + " ORDER BY case_id, citizen_id LIMIT :n" + (dialect.isPostgres() ? " FOR UPDATE SKIP LOCKED" : ""))
                .param("n", limit).query((rs, n) -> new Pending(rs.getString(1), rs.getString(2))).list();
    }

    /** Which of the citizens were handled by a contact notification (for any case) after {@code since}. */
    Set<String> notifiedSince(Collection<String> citizenIds, Instant since) {
        Set<String> notified = new HashSet<>();
        List<String> all = new ArrayList<>(new HashSet<>(citizenIds));
        for (int i = 0; i < all.size(); i += ROWS_PER_STATEMENT) {
            notified.addAll(jdbc.sql("SELECT DISTINCT citizen_id FROM tracing_exposure WHERE citizen_id IN (:c) AND notified_at > :since")
                    .param("c", all.subList(i, Math.min(all.size(), i + ROWS_PER_STATEMENT))).param("since", since.toEpochMilli())
                    .query(String.class).list());
        }
        return notified;
    }

    /** Marks the exposures as handled (by a message now, or by an earlier one); only those not handled yet. */
    void markNotified(List<Pending> handled, Instant now) {
        Map<String, List<String>> byCase = new LinkedHashMap<>();
        handled.forEach(p -> byCase.computeIfAbsent(p.caseId(), k -> new ArrayList<>()).add(p.citizenId()));
        byCase.forEach((caseId, citizenIds) -> {
            for (int i = 0; i < citizenIds.size(); i += ROWS_PER_STATEMENT) {
                jdbc.sql("UPDATE tracing_exposure SET notified_at = :now WHERE case_id = :c AND citizen_id IN (:ids) AND notified_at IS NULL")
                        .param("now", now.toEpochMilli()).param("c", caseId)
                        .param("ids", citizenIds.subList(i, Math.min(citizenIds.size(), i + ROWS_PER_STATEMENT))).update();
            }
        });
    }

    /**
     * Retention: deletes up to {@code batch} rows of {@code table} (keyed by {@code key}, with a {@code case_id}) that
     * belong to cases whose infectious period ended before {@code cutoff}; returns how many. Table and column names are
     * constants of {@link TracingRetention}, never input.
     */
    int deleteOfCasesEndedBefore(String table, String key, Instant cutoff, int batch) {
        return jdbc.sql("DELETE FROM " + table + " WHERE (" + key + ") IN (SELECT " + key + " FROM " + table + " WHERE case_id IN"
                        + " (SELECT id FROM tracing_case WHERE infectious_to < :cutoff) LIMIT :batch)")
                .param("cutoff", cutoff.toEpochMilli()).param("batch", batch).update();
    }

    /** Retention: deletes up to {@code batch} cases whose infectious period ended before {@code cutoff}; returns how many. */
    int deleteCasesEndedBefore(Instant cutoff, int batch) {
        return jdbc.sql("DELETE FROM tracing_case WHERE id IN (SELECT id FROM tracing_case WHERE infectious_to < :cutoff"
                        + " ORDER BY infectious_to LIMIT :batch)")
                .param("cutoff", cutoff.toEpochMilli()).param("batch", batch).update();
    }

    /** The latest end of the citizen's active exposures, if any. */
    Optional<Instant> riskUntil(String citizenId) {
        return jdbc.sql("SELECT MAX(risk_until) FROM tracing_exposure WHERE citizen_id = :c AND active = 1")
                .param("c", citizenId).query((rs, n) -> {
                    long v = rs.getLong(1);
                    return rs.wasNull() ? -1L : v;
                }).single() instanceof Long v && v >= 0 ? Optional.of(Instant.ofEpochMilli(v)) : Optional.empty();
    }

    /** Premises with at least {@code minimum} distinct cases visiting since {@code since}, with their counts. */
    Map<PremisesId, Integer> hotspots(Instant since, int minimum) {
        Map<PremisesId, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT premises_id, COUNT(DISTINCT case_id) AS cases FROM tracing_case_visit WHERE visited_at >= :since"
                        + " GROUP BY premises_id HAVING COUNT(DISTINCT case_id) >= :min ORDER BY cases DESC, premises_id")
                .param("since", since.toEpochMilli()).param("min", minimum)
                .query((rs, n) -> counts.put(new PremisesId(rs.getString("premises_id")), rs.getInt("cases"))).list();
        return counts;
    }
}
