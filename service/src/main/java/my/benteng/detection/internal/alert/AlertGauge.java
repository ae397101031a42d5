package my.benteng.detection.internal.alert;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code benteng_alerts_firing{rule,level}}: alerts firing and not yet acknowledged, per rule and level, counted in the
 * database (so every node reports the same figure). Refreshed after each change this node makes and every
 * {@code benteng.detection.gauge-interval}; a rule that stops firing reports 0 rather than vanishing, so a Prometheus rule
 * sees it go down.
 */
final class AlertGauge {

    private static final Logger log = LoggerFactory.getLogger(AlertGauge.class);

    private final JdbcAlerts alerts;
    private final MultiGauge gauge;
    /** Every (rule, level) seen since start, so that one that stops firing is reported as 0. */
    private final Map<List<String>, Boolean> seen = new ConcurrentHashMap<>();

    AlertGauge(JdbcAlerts alerts, MeterRegistry meters) {
        this.alerts = alerts;
        this.gauge = MultiGauge.builder("benteng.alerts.firing").description("Alerts firing and not yet acknowledged, by rule and level")
                .register(meters);
    }

    /** Reads the counts and publishes them; a failure is logged and the last figures stay. */
    @Scheduled(fixedDelayString = "${benteng.detection.gauge-interval:PT15S}", initialDelayString = "PT5S")
    synchronized void refresh() {
        Map<List<String>, Long> counts = new HashMap<>();
        try {
            for (JdbcAlerts.RuleCount c : alerts.firingByRule()) {
                counts.put(List.of(c.ruleId(), c.level().sigmaName()), c.count());
            }
        } catch (RuntimeException e) {
            log.warn("alert gauge not refreshed ({})", e.getClass().getSimpleName());
            return;
        }
        counts.keySet().forEach(k -> seen.put(k, Boolean.TRUE));
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (List<String> key : seen.keySet()) {
            long value = counts.getOrDefault(key, 0L);
            rows.add(MultiGauge.Row.of(Tags.of("rule", key.get(0), "level", key.get(1)), value));
        }
        gauge.register(rows, true);
    }
}
