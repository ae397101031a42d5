package my.benteng.detection.internal.alert;

import java.util.List;
import java.util.Map;

/**
 * The alert as a receiver is told about it at one transition: the payload stored in the delivery outbox, so a late
 * delivery says what was true at the transition, not what is true when the receiver comes back. Times in epoch millis.
 */
record AlertNotice(String alertId, String fingerprint, String ruleId, String title, String level, List<String> attack,
                   Map<String, String> groupBy, String summary, String status, long count, long firstSeen, long lastSeen,
                   Long resolvedAt) {

    static AlertNotice of(Alert a) {
        return new AlertNotice(a.id(), a.fingerprint(), a.ruleId(), a.title(), a.level().sigmaName(), a.attack(), a.groupBy(),
                a.summary(), a.status().apiName(), a.count(), a.firstSeen().toEpochMilli(), a.lastSeen().toEpochMilli(),
                a.resolvedAt() == null ? null : a.resolvedAt().toEpochMilli());
    }
}
