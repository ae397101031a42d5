package my.benteng.detection.internal.alert;

import my.benteng.detection.Level;

import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * An alert as stored. Its texts are already escaped and its group-by values masked (see {@link AlertText}).
 *
 * @param count         how many matches it stands for
 * @param evidenceCount how many audit entries contributed in all (the kept links are bounded)
 * @param silencedUntil end of the newest silence of its fingerprint still in force, or null
 */
public record Alert(String id, String fingerprint, String ruleId, String title, Level level, List<String> attack,
                    SortedMap<String, String> groupBy, String summary, AlertStatus status, long count, long evidenceCount,
                    Instant firstSeen, Instant lastSeen, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
                    String resolvedBy, Instant silencedUntil, int version) {
}
