package my.benteng.tracing.internal;

import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Cases, their visits and their contacts' exposures; the only code that reads or writes the tracing tables. */
@Repository
class JdbcTracing {

    private final JdbcClient jdbc;

    JdbcTracing(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
        for (CaseVisit v : visits) {
            jdbc.sql("INSERT INTO tracing_case_visit (case_id, checkin_id, premises_id, visited_at) VALUES (:c, :k, :p, :at)")
                    .param("c", caseId).param("k", v.checkinId()).param("p", v.premisesId().value()).param("at", v.visitedAt().toEpochMilli())
                    .update();
        }
    }

    void deactivateExposures(String caseId) {
        jdbc.sql("UPDATE tracing_exposure SET active = 0 WHERE case_id = :id").param("id", caseId).update();
    }

    /** Inserts or re-activates the exposure; an earlier notification stays recorded. */
    void upsertExposure(String caseId, String citizenId, Instant exposedAt, Instant riskUntil) {
        jdbc.sql("INSERT INTO tracing_exposure (case_id, citizen_id, exposed_at, risk_until, active, notified_at)"
                        + " VALUES (:c, :citizen, :at, :until, 1, NULL)"
                        + " ON CONFLICT (case_id, citizen_id) DO UPDATE SET exposed_at = :at, risk_until = :until, active = 1")
                .param("c", caseId).param("citizen", citizenId).param("at", exposedAt.toEpochMilli()).param("until", riskUntil.toEpochMilli())
                .update();
    }

    /** Active contacts of the case not yet handled by a notification. */
    List<String> unnotified(String caseId) {
        return jdbc.sql("SELECT citizen_id FROM tracing_exposure WHERE case_id = :c AND active = 1 AND notified_at IS NULL ORDER BY citizen_id")
                .param("c", caseId).query(String.class).list();
    }

    /** Whether the citizen was sent a contact notification (for any case) after {@code since}. */
    boolean notifiedSince(String citizenId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM tracing_exposure WHERE citizen_id = :c AND notified_at > :since")
                .param("c", citizenId).param("since", since.toEpochMilli()).query(Long.class).single() > 0;
    }

    void markNotified(String caseId, String citizenId, Instant now) {
        jdbc.sql("UPDATE tracing_exposure SET notified_at = :now WHERE case_id = :c AND citizen_id = :citizen AND notified_at IS NULL")
                .param("now", now.toEpochMilli()).param("c", caseId).param("citizen", citizenId).update();
    }

    int activeContacts(String caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM tracing_exposure WHERE case_id = :c AND active = 1").param("c", caseId)
                .query(Long.class).single().intValue();
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
