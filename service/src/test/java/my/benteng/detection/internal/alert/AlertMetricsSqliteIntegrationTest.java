package my.benteng.detection.internal.alert;

import my.benteng.detection.Level;
import my.benteng.testing.ApiClient;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code benteng_alerts_firing{rule,level}} at /actuator/prometheus follows the alerts: up on firing, down to 0 when handled. */
@SqliteIntegrationTest
class AlertMetricsSqliteIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    AlertBook book;

    @Autowired
    AlertGauge gauge;

    @Autowired
    TestClock clock;

    @Test
    void theFiringGaugeCountsUnacknowledgedAlertsPerRuleAndLevel() {
        String rule = AlertBookContract.ruleId();
        String a = book.fire(new Firing(rule, "Helpdesk flood", Level.MEDIUM, List.of("attack.t1498"), Map.of("source.ip", "192.0.2.0/24"),
                List.of(1L), clock.instant(), null)).alert().id();
        book.fire(new Firing(rule, "Helpdesk flood", Level.MEDIUM, List.of("attack.t1498"), Map.of("source.ip", "198.51.100.0/24"),
                List.of(2L), clock.instant(), null));
        assertThat(firing(rule)).isEqualTo(2.0);

        book.acknowledge(a, "staff:a", null);
        assertThat(firing(rule)).isEqualTo(1.0);
        book.list(new AlertBook.Filter(AlertStatus.FIRING, null, null), 0, 100).stream().filter(x -> x.ruleId().equals(rule))
                .forEach(x -> book.resolve(x.id(), "staff:a", null));
        gauge.refresh();
        assertThat(firing(rule)).as("a rule that stops firing reports 0, not nothing").isEqualTo(0.0);
    }

    private double firing(String rule) {
        HttpResponse<String> r = new ApiClient(port).get("/actuator/prometheus", null);
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^benteng_alerts_firing\\{([^}]*)} (\\S+)$").matcher(r.body());
        while (m.find()) {
            if (m.group(1).contains("rule=\"" + rule + "\"")) {
                assertThat(m.group(1)).contains("level=\"medium\"");
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no benteng_alerts_firing series for the rule");
    }
}
