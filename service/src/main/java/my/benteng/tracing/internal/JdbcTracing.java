package my.benteng.tracing.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Cases, their windows and who was notified when; the only code that reads or writes the tracing tables. */
@Repository
class JdbcTracing {

    /** Rows per multi-row INSERT and keys per IN list: few round trips for big batches, few bind parameters each. */
    static final int ROWS_PER_STATEMENT = 250;

    private final JdbcClient jdbc;
    private final DatabaseDialect dialect;

    JdbcTracing(JdbcClient jdbc, DatabaseDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * A case. {@code contacts} is null while a notification round for the current run is due; {@code notified} counts
     * the messages sent for the case in all; {@code windowsAt} is null for a case recorded before the windows existed.
     */
    record CaseRow(String id, String citizenId, Instant infectiousFrom, Instant infectiousTo, int version, int run,
                   boolean notifyPending, Integer contacts, int notified, Instant windowsAt) {
    }

    private static final String CASE_COLUMNS = "id, citizen_id, infectious_from, infectious_to, version, run, notify_pending, contacts,"
            + " notified, windows_at";

    private static CaseRow caseRow(ResultSet rs) throws SQLException {
        int contacts = rs.getInt("contacts");
        Integer found = rs.wasNull() ? null : contacts;
        long windowsAt = rs.getLong("windows_at");
        Instant windows = rs.wasNull() ? null : Instant.ofEpochMilli(windowsAt);
        return new CaseRow(rs.getString("id"), rs.getString("citizen_id"), Instant.ofEpochMilli(rs.getLong("infectious_from")),
                Instant.ofEpochMilli(rs.getLong("infectious_to")), rs.getInt("version"), rs.getInt("run"), rs.getInt("notify_pending") == 1,
                found, rs.getInt("notified"), windows);
    }

    /** A new case: recorded now, its windows written now, its notification round due. */
    record NewCase(String id, String citizenId, Instant infectiousFrom, Instant infectiousTo, String recordedBy) {
    }

    void insertCases(List<NewCase> cases, Instant now) {
        insertRows("INSERT INTO tracing_case (id, citizen_id, infectious_from, infectious_to, recorded_by, recorded_at, traced_at, version,"
                        + " run, notify_pending, contacts, notified, windows_at, lease_until) VALUES ",
                "(?, ?, ?, ?, ?, ?, ?, 1, 1, 1, NULL, 0, ?, 0)", "", cases,
                c -> List.of(c.id(), c.citizenId(), c.infectiousFrom().toEpochMilli(), c.infectiousTo().toEpochMilli(), c.recordedBy(),
                        now.toEpochMilli(), now.toEpochMilli(), now.toEpochMilli()));
    }

    Optional<CaseRow> findCase(String id) {
        return jdbc.sql("SELECT " + CASE_COLUMNS + " FROM tracing_case WHERE id = :id").param("id", id)
                .query((rs, n) -> caseRow(rs)).optional();
    }

    /** The cases of each of the citizens, oldest period first. */
    Map<String, List<CaseRow>> casesOf(Collection<String> citizenIds) {
        Map<String, List<CaseRow>> cases = new HashMap<>();
        inChunks(List.copyOf(citizenIds), chunk -> jdbc.sql("SELECT " + CASE_COLUMNS + " FROM tracing_case WHERE citizen_id IN (:c)"
                        + " ORDER BY infectious_from").param("c", chunk).query((rs, n) -> caseRow(rs)).list()
                .forEach(c -> cases.computeIfAbsent(c.citizenId(), k -> new ArrayList<>()).add(c)));
        return cases;
    }

    /**
     * Starts a new run of a case: changes the period when it differs (a correction, counted in {@code version}),
     * makes a notification round due for the new run and frees any lease (a notifier busy with the old run finishes
     * without clearing the new one). On PostgreSQL it takes the case's row lock until the transaction ends, so that two
     * runs of one case write one after the other. False when the case does not exist.
     */
    boolean beginRun(String caseId, Instant from, Instant to, Instant now) {
        return jdbc.sql("UPDATE tracing_case SET traced_at = :now, version = version"
                        + " + CASE WHEN infectious_from <> :from OR infectious_to <> :to THEN 1 ELSE 0 END,"
                        + " infectious_from = :from, infectious_to = :to, run = run + 1, notify_pending = 1, contacts = NULL,"
                        + " windows_at = :now, lease_until = 0 WHERE id = :id")
                .param("now", now.toEpochMilli()).param("from", from.toEpochMilli()).param("to", to.toEpochMilli())
                .param("id", caseId).update() == 1;
    }

    /** Where a case was (clipped to its period) and the window, widened by the buffer, in which others became contacts. */
    record CaseWindow(String caseId, String checkinId, String caseCitizenId, PremisesId premisesId, Instant visitedAt,
                      Instant from, Instant to) {
    }

    void insertWindows(Collection<CaseWindow> windows) {
        insertRows("INSERT INTO tracing_window (case_id, checkin_id, case_citizen_id, premises_id, visited_at, window_from, window_to) VALUES ",
                "(?, ?, ?, ?, ?, ?, ?)", "", windows,
                w -> List.of(w.caseId(), w.checkinId(), w.caseCitizenId(), w.premisesId().value(), w.visitedAt().toEpochMilli(),
                        w.from().toEpochMilli(), w.to().toEpochMilli()));
    }

    void replaceWindows(String caseId, Collection<CaseWindow> windows) {
        jdbc.sql("DELETE FROM tracing_window WHERE case_id = :id").param("id", caseId).update();
        insertWindows(windows);
    }

    List<CaseWindow> windowsOf(String caseId) {
        return jdbc.sql("SELECT case_id, checkin_id, case_citizen_id, premises_id, visited_at, window_from, window_to FROM tracing_window"
                        + " WHERE case_id = :id ORDER BY window_from").param("id", caseId)
                .query((rs, n) -> new CaseWindow(rs.getString(1), rs.getString(2), rs.getString(3), new PremisesId(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)))).list();
    }

    int windowCount(String caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM tracing_window WHERE case_id = :id").param("id", caseId).query(Long.class).single().intValue();
    }

    /** One stay of a citizen, for the risk-status probe: at the premises from {@code from} to {@code to}. */
    record Stay(PremisesId premises, Instant from, Instant to) {
    }

    /**
     * The latest instant at which one of the stays overlaps (strictly) another person's case window at its premises:
     * the later of the stay's start and the window's start. Empty when none does. One index range per stay, a hundred
     * stays per statement.
     */
    Optional<Instant> latestExposure(String citizenId, List<Stay> stays) {
        long latest = -1;
        for (int i = 0; i < stays.size(); i += 100) {
            List<Stay> chunk = stays.subList(i, Math.min(stays.size(), i + 100));
            StringBuilder sql = new StringBuilder("SELECT MAX(exposed) FROM (");
            Map<String, Object> params = new HashMap<>();
            for (int s = 0; s < chunk.size(); s++) {
                sql.append(s == 0 ? "" : " UNION ALL ").append("SELECT CASE WHEN window_from > :in").append(s).append(" THEN window_from ELSE :in")
                        .append(s).append(" END AS exposed FROM tracing_window WHERE premises_id = :p").append(s).append(" AND window_to > :in")
                        .append(s).append(" AND window_from < :out").append(s).append(" AND case_citizen_id <> :me");
                params.put("p" + s, chunk.get(s).premises().value());
                params.put("in" + s, chunk.get(s).from().toEpochMilli());
                params.put("out" + s, chunk.get(s).to().toEpochMilli());
            }
            params.put("me", citizenId);
            Long max = jdbc.sql(sql.append(") x").toString()).params(params).query((rs, n) -> {
                long v = rs.getLong(1);
                return rs.wasNull() ? -1L : v;
            }).single();
            latest = Math.max(latest, max);
        }
        return latest < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(latest));
    }

    /** A claimed notification round: the case as it was when claimed. */
    List<CaseRow> claimDue(int limit, Instant now, Instant leaseUntil) {
        List<CaseRow> due = jdbc.sql("SELECT " + CASE_COLUMNS + " FROM tracing_case WHERE notify_pending = 1 AND lease_until < :now"
                        + " ORDER BY lease_until LIMIT :n" + (dialect.isPostgres() ? " FOR UPDATE SKIP LOCKED" : ""))
                .param("now", now.toEpochMilli()).param("n", limit).query((rs, n) -> caseRow(rs)).list();
        if (!due.isEmpty()) {
            jdbc.sql("UPDATE tracing_case SET lease_until = :until WHERE id IN (:ids)").param("until", leaseUntil.toEpochMilli())
                    .param("ids", due.stream().map(CaseRow::id).toList()).update();
        }
        return due;
    }

    /** Records the windows computed for a case recorded before they existed. */
    void markWindowsComputed(String caseId, Instant now) {
        jdbc.sql("UPDATE tracing_case SET windows_at = :now WHERE id = :id").param("now", now.toEpochMilli()).param("id", caseId).update();
    }

    /**
     * Claims the right to notify each of the citizens now: for those never notified or last notified no later than
     * {@code notNotifiedSince}, records {@code now} and returns them; the others (notified recently, for any case) are
     * left alone. One atomic upsert per chunk, so that two notifiers never claim one citizen.
     */
    List<String> claimNotices(Collection<String> citizenIds, Instant now, Instant notNotifiedSince) {
        List<String> claimed = new ArrayList<>();
        inChunks(List.copyOf(citizenIds), chunk -> {
            StringBuilder sql = new StringBuilder("INSERT INTO tracing_notice (citizen_id, notified_at) VALUES ");
            List<Object> params = new ArrayList<>(chunk.size() * 2 + 1);
            for (int r = 0; r < chunk.size(); r++) {
                sql.append(r == 0 ? "" : ", ").append("(?, ?)");
                params.add(chunk.get(r));
                params.add(now.toEpochMilli());
            }
            sql.append(" ON CONFLICT (citizen_id) DO UPDATE SET notified_at = excluded.notified_at WHERE tracing_notice.notified_at <= ?"
                    + " RETURNING citizen_id");
            params.add(notNotifiedSince.toEpochMilli());
            claimed.addAll(jdbc.sql(sql.toString()).params(params).query(String.class).list());
        });
        return claimed;
    }

    /** Counts messages sent for a case (in the transaction that enqueued them). */
    void addNotified(String caseId, int messages) {
        jdbc.sql("UPDATE tracing_case SET notified = notified + :n WHERE id = :id").param("n", messages).param("id", caseId).update();
    }

    /**
     * Ends a notification round: the contacts it found, and the round is no longer due -- unless a new run started
     * meanwhile, whose round stays due. The lease ends either way.
     */
    void finishRound(String caseId, int run, int contacts) {
        jdbc.sql("UPDATE tracing_case SET contacts = CASE WHEN run = :run THEN :contacts ELSE contacts END,"
                        + " notify_pending = CASE WHEN run = :run THEN 0 ELSE notify_pending END, lease_until = 0 WHERE id = :id")
                .param("run", run).param("contacts", contacts).param("id", caseId).update();
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

    /** Retention: deletes up to {@code batch} notices older than {@code cutoff}; returns how many. */
    int deleteNoticesBefore(Instant cutoff, int batch) {
        return jdbc.sql("DELETE FROM tracing_notice WHERE citizen_id IN (SELECT citizen_id FROM tracing_notice WHERE notified_at < :cutoff"
                        + " LIMIT :batch)").param("cutoff", cutoff.toEpochMilli()).param("batch", batch).update();
    }

    /** Premises with at least {@code minimum} distinct cases visiting since {@code since}, with their counts. */
    Map<PremisesId, Integer> hotspots(Instant since, int minimum) {
        Map<PremisesId, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT premises_id, COUNT(DISTINCT case_id) AS cases FROM tracing_window WHERE visited_at >= :since"
                        + " GROUP BY premises_id HAVING COUNT(DISTINCT case_id) >= :min ORDER BY cases DESC, premises_id")
                .param("since", since.toEpochMilli()).param("min", minimum)
                .query((rs, n) -> counts.put(new PremisesId(rs.getString("premises_id")), rs.getInt("cases"))).list();
        return counts;
    }

    private static <T> void inChunks(List<T> all, java.util.function.Consumer<List<T>> each) {
        for (int i = 0; i < all.size(); i += ROWS_PER_STATEMENT) {
            each.accept(all.subList(i, Math.min(all.size(), i + ROWS_PER_STATEMENT)));
        }
    }

    /** One multi-row INSERT per {@value #ROWS_PER_STATEMENT} rows: {@code head}, the row placeholders, {@code tail}. */
    private <T> void insertRows(String head, String row, String tail, Collection<T> rows, Function<T, List<Object>> values) {
        inChunks(new ArrayList<>(rows), chunk -> {
            StringBuilder sql = new StringBuilder(head);
            List<Object> params = new ArrayList<>(chunk.size() * 8);
            for (int r = 0; r < chunk.size(); r++) {
                sql.append(r == 0 ? "" : ", ").append(row);
                params.addAll(values.apply(chunk.get(r)));
            }
            jdbc.sql(sql.append(tail).toString()).params(params).update();
        });
    }
}
