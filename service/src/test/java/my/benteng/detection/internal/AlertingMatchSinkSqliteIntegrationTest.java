package my.benteng.detection.internal;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.detection.Level;
import my.benteng.detection.internal.alert.AlertBook;
import my.benteng.detection.internal.sigma.Match;
import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A match the alert book refuses costs that alert only: counted, logged without its values, and the next one is recorded. */
@SqliteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AlertingMatchSinkSqliteIntegrationTest {

    @Autowired
    AlertingMatchSink sink;
    @Autowired
    AlertBook book;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;

    private double failed() {
        return meters.find("benteng.detection.alerts.failed").counter().count();
    }

    private static Match match(String rule, String field, String value) {
        return new Match(rule, "Sink test", Level.MEDIUM, List.of("T1621"), Map.of(field, value), List.of(11L, 12L), Instant.now());
    }

    private long alerts(String rule) {
        return jdbc.sql("SELECT COUNT(*) FROM detection_alert WHERE rule_id = :r").param("r", rule).query(Long.class).single();
    }

    @Test
    void aMatchTheBookRefusesIsCountedAndLoggedWithoutItsValueAndTheNextIsRecorded(CapturedOutput output) {
        String rule = "sink-test-" + System.nanoTime();
        double before = failed();
        // an upper-case field name is no ECS name: the firing refuses it
        sink.accept(match(rule, "labels.relyingParty", "+6019*****77-secret-looking"));
        assertThat(failed()).isEqualTo(before + 1);
        assertThat(alerts(rule)).isZero();
        assertThat(output.getAll()).contains("match of rule " + rule + " not recorded as an alert").doesNotContain("secret-looking");

        sink.accept(match(rule, "benteng.subject.value", "+6019*****77"));
        assertThat(failed()).isEqualTo(before + 1);
        assertThat(alerts(rule)).isEqualTo(1);
    }
}
