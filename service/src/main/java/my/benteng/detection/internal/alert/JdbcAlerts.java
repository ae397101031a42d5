package my.benteng.detection.internal.alert;

import my.benteng.detection.Level;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The alert, evidence and silence tables. Callers own the transactions; each method is one or two statements in SQL that
 * SQLite and PostgreSQL both run.
 */
final class JdbcAlerts {

    private static final String COLUMNS = """
            a.id, a.fingerprint, a.rule_id, a.title, a.level, a.attack_ids, a.group_by, a.summary, a.status, a.fire_count,
            a.evidence_count, a.first_seen, a.last_seen, a.acknowledged_at, a.acknowledged_by, a.resolved_at, a.resolved_by,
            a.version,
            (SELECT MAX(s.until_at) FROM detection_alert_silence s WHERE s.fingerprint = a.fingerprint AND s.until_at > :now)
                AS silenced_until
            """;
    private static final TypeReference<TreeMap<String, String>> GROUP_BY = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RowMapper<Alert> row;

    JdbcAlerts(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
        this.row = (rs, n) -> new Alert(rs.getString("id"), rs.getString("fingerprint"), rs.getString("rule_id"), rs.getString("title"),
                Level.valueOf(rs.getString("level")), attack(rs.getString("attack_ids")), groupBy(rs.getString("group_by")),
                rs.getString("summary"), AlertStatus.valueOf(rs.getString("status")), rs.getLong("fire_count"),
                rs.getLong("evidence_count"), Instant.ofEpochMilli(rs.getLong("first_seen")), Instant.ofEpochMilli(rs.getLong("last_seen")),
                instant(rs.getObject("acknowledged_at")), rs.getString("acknowledged_by"), instant(rs.getObject("resolved_at")),
                rs.getString("resolved_by"), instant(rs.getObject("silenced_until")), rs.getInt("version"));
    }

    record NewAlert(String id, String fingerprint, Firing firing, String summary, long evidenceCount, long now) {
    }

    /** Counts one more match of the open alert of {@code fingerprint}; false when there is none. */
    boolean countMatch(String fingerprint, long at, long evidence) {
        return jdbc.sql("""
                        UPDATE detection_alert SET fire_count = fire_count + 1, evidence_count = evidence_count + :evidence,
                               last_seen = CASE WHEN :at > last_seen THEN :at ELSE last_seen END
                        WHERE open_fingerprint = :fp
                        """)
                .param("evidence", evidence).param("at", at).param("fp", fingerprint).update() == 1;
    }

    /** Opens an alert; false when another transaction opened one for the fingerprint first. */
    boolean open(NewAlert a) {
        Firing f = a.firing();
        return jdbc.sql("""
                        INSERT INTO detection_alert (id, fingerprint, open_fingerprint, rule_id, title, level, attack_ids, group_by,
                                                     summary, status, fire_count, evidence_count, first_seen, last_seen, version,
                                                     created_at)
                        VALUES (:id, :fp, :fp, :rule, :title, :level, :attack, :groupBy, :summary, 'FIRING', 1, :evidence, :at, :at,
                                1, :now)
                        ON CONFLICT (open_fingerprint) DO NOTHING
                        """)
                .param("id", a.id()).param("fp", a.fingerprint()).param("rule", f.ruleId()).param("title", AlertText.escape(f.title()))
                .param("level", f.level().name()).param("attack", "," + String.join(",", f.attack()) + ",")
                .param("groupBy", json.writeValueAsString(escaped(f.sortedGroupBy()))).param("summary", a.summary())
                .param("evidence", a.evidenceCount()).param("at", f.at().toEpochMilli()).param("now", a.now())
                .update() == 1;
    }

    Optional<Alert> findOpen(String fingerprint, long now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM detection_alert a WHERE a.open_fingerprint = :fp")
                .param("fp", fingerprint).param("now", now).query(row).optional();
    }

    Optional<Alert> find(String id, long now) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM detection_alert a WHERE a.id = :id").param("id", id).param("now", now)
                .query(row).optional();
    }

    /** Adds evidence links and keeps only the first and the last {@code each} of the alert's. */
    void addEvidence(String alertId, List<Long> sequences, int each) {
        for (Long seq : sequences) {
            jdbc.sql("INSERT INTO detection_alert_evidence (alert_id, audit_seq) VALUES (:id, :seq) ON CONFLICT DO NOTHING")
                    .param("id", alertId).param("seq", seq).update();
        }
        jdbc.sql("""
                        DELETE FROM detection_alert_evidence WHERE alert_id = :id
                          AND audit_seq NOT IN (SELECT audit_seq FROM detection_alert_evidence WHERE alert_id = :id
                                                ORDER BY audit_seq LIMIT :each)
                          AND audit_seq NOT IN (SELECT audit_seq FROM detection_alert_evidence WHERE alert_id = :id
                                                ORDER BY audit_seq DESC LIMIT :each)
                        """)
                .param("id", alertId).param("each", each).update();
    }

    List<Long> evidence(String alertId) {
        return jdbc.sql("SELECT audit_seq FROM detection_alert_evidence WHERE alert_id = :id ORDER BY audit_seq")
                .param("id", alertId).query(Long.class).list();
    }

    /** Moves the alert to the next version (a delivered transition) and returns it; also the row lock on PostgreSQL. */
    int nextVersion(String alertId) {
        jdbc.sql("UPDATE detection_alert SET version = version + 1 WHERE id = :id").param("id", alertId).update();
        return jdbc.sql("SELECT version FROM detection_alert WHERE id = :id").param("id", alertId).query(Integer.class).single();
    }

    boolean acknowledge(String alertId, String actor, long now) {
        return jdbc.sql("""
                        UPDATE detection_alert SET status = 'ACKNOWLEDGED', acknowledged_at = :now, acknowledged_by = :actor
                        WHERE id = :id AND status = 'FIRING'
                        """)
                .param("now", now).param("actor", actor).param("id", alertId).update() == 1;
    }

    /** Resolves an open alert and frees its fingerprint for a new one. */
    boolean resolve(String alertId, String actor, long now) {
        return jdbc.sql("""
                        UPDATE detection_alert SET status = 'RESOLVED', open_fingerprint = NULL, resolved_at = :now, resolved_by = :actor
                        WHERE id = :id AND status IN ('FIRING', 'ACKNOWLEDGED')
                        """)
                .param("now", now).param("actor", actor).param("id", alertId).update() == 1;
    }

    /** End of the newest silence of the fingerprint in force at {@code now}, if any. */
    Optional<Instant> silencedUntil(String fingerprint, long now) {
        return jdbc.sql("SELECT MAX(until_at) FROM detection_alert_silence WHERE fingerprint = :fp AND until_at > :now")
                .param("fp", fingerprint).param("now", now).query((rs, n) -> instant(rs.getObject(1))).optional()
                .filter(java.util.Objects::nonNull);
    }

    void silence(String id, String fingerprint, long until, String reason, String actor, long now) {
        jdbc.sql("""
                        INSERT INTO detection_alert_silence (id, fingerprint, until_at, reason, created_by, created_at)
                        VALUES (:id, :fp, :until, :reason, :actor, :now)
                        """)
                .param("id", id).param("fp", fingerprint).param("until", until).param("reason", reason).param("actor", actor)
                .param("now", now).update();
    }

    /** What the list may be narrowed to; null fields do not narrow. */
    record Filter(AlertStatus status, Level level, String attackId) {
    }

    /** A page of alerts, the most recently seen first. */
    List<Alert> list(Filter filter, int page, int size, long now) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM detection_alert a WHERE 1 = 1");
        if (filter.status() != null) {
            sql.append(" AND a.status = :status");
        }
        if (filter.level() != null) {
            sql.append(" AND a.level = :level");
        }
        if (filter.attackId() != null) {
            // the id has the technique form (letters, digits, a dot): no LIKE wildcard can reach the pattern
            sql.append(" AND a.attack_ids LIKE :attack");
        }
        sql.append(" ORDER BY a.last_seen DESC, a.id LIMIT :limit OFFSET :offset");
        var spec = jdbc.sql(sql.toString()).param("now", now).param("limit", size).param("offset", (long) page * size);
        if (filter.status() != null) {
            spec = spec.param("status", filter.status().name());
        }
        if (filter.level() != null) {
            spec = spec.param("level", filter.level().name());
        }
        if (filter.attackId() != null) {
            spec = spec.param("attack", "%," + filter.attackId() + ",%");
        }
        return spec.query(row).list();
    }

    /** Firing alerts (not yet acknowledged) per rule and level, for the gauge. */
    List<RuleCount> firingByRule() {
        return jdbc.sql("SELECT rule_id, level, COUNT(*) FROM detection_alert WHERE status = 'FIRING' GROUP BY rule_id, level")
                .query((rs, n) -> new RuleCount(rs.getString(1), Level.valueOf(rs.getString(2)), rs.getLong(3))).list();
    }

    record RuleCount(String ruleId, Level level, long count) {
    }

    /**
     * Open alerts, not silenced, of which {@code receiver} has heard nothing since {@code since} and has nothing waiting:
     * due to be told again that they still fire.
     */
    List<String> dueForResend(String receiver, long since, long now, int limit) {
        return jdbc.sql("""
                        SELECT a.id FROM detection_alert a
                        WHERE a.status IN ('FIRING', 'ACKNOWLEDGED')
                          AND NOT EXISTS (SELECT 1 FROM detection_alert_silence s WHERE s.fingerprint = a.fingerprint AND s.until_at > :now)
                          AND NOT EXISTS (SELECT 1 FROM detection_alert_delivery d WHERE d.alert_id = a.id AND d.receiver = :receiver
                                          AND (d.created_at > :since OR d.status IN ('PENDING', 'SENDING')))
                        ORDER BY a.last_seen LIMIT :limit
                        """)
                .param("now", now).param("receiver", receiver).param("since", since).param("limit", limit)
                .query(String.class).list();
    }

    /** Resolved alerts whose resolve is before {@code before}, oldest first. */
    List<String> resolvedBefore(long before, int limit) {
        return jdbc.sql("SELECT id FROM detection_alert WHERE status = 'RESOLVED' AND resolved_at < :before ORDER BY resolved_at, id LIMIT :limit")
                .param("before", before).param("limit", limit).query(String.class).list();
    }

    /** Deletes these alerts with their evidence links and deliveries; returns the alerts deleted. */
    int delete(List<String> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM detection_alert_evidence WHERE alert_id IN (:ids)").param("ids", ids).update();
        jdbc.sql("DELETE FROM detection_alert_delivery WHERE alert_id IN (:ids)").param("ids", ids).update();
        return jdbc.sql("DELETE FROM detection_alert WHERE id IN (:ids) AND status = 'RESOLVED'").param("ids", ids).update();
    }

    private static SortedMap<String, String> escaped(SortedMap<String, String> groupBy) {
        TreeMap<String, String> out = new TreeMap<>();
        groupBy.forEach((k, v) -> out.put(k, AlertText.escape(v)));
        return out;
    }

    private SortedMap<String, String> groupBy(String text) {
        return Collections.unmodifiableSortedMap(json.readValue(text, GROUP_BY));
    }

    private static List<String> attack(String text) {
        return Arrays.stream(text.split(",")).filter(s -> !s.isEmpty()).toList();
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }
}
