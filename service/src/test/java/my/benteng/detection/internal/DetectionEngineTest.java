package my.benteng.detection.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import my.benteng.audit.AuditAppended;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditOutcome;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import my.benteng.detection.internal.sigma.Match;
import my.benteng.detection.internal.sigma.RuleSet;
import my.benteng.detection.internal.sigma.SigmaParser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine's own rules of evaluation, apart from any rule file: what it never looks at, and a sink that fails. */
class DetectionEngineTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    /** A rule that would match every transition of an alert, and also entries of other modules. */
    private static final String ABOUT_ALERTS = """
            title: Anything about alerts
            id: about-alerts
            level: high
            logsource:
                product: benteng
            detection:
                selection:
                    event.action|contains: alert
                condition: selection
            """;

    private static RuleSet rules() {
        return RuleSet.link(new SigmaParser(AuditEventMapper.KNOWN_FIELD).parse("about-alerts.yml", ABOUT_ALERTS),
                new InMemoryCorrelationState(64, new byte[]{1, 2, 3, 4, 5, 6, 7, 8}));
    }

    private static AuditAppended entry(long seq, AuditEvent.Builder event) {
        return new AuditAppended(seq, T0.plusSeconds(seq), event.build());
    }

    @Test
    void detectionsOwnEntriesAreNeverEvaluatedSoNoRuleCanFeedOnItsAlerts() {
        List<Match> seen = new CopyOnWriteArrayList<>();
        try (DetectionEngine engine = new DetectionEngine(rules(), List.of(seen::add), new SimpleMeterRegistry(), 16)) {
            List<AuditAppended> own = List.of(
                    entry(1, AuditEvent.named("detection_alert_fired").reason("detection.alert.fired").subject("alert-1")),
                    entry(2, AuditEvent.named("detection_alert_resolved").actor("staff:s1").reason("detection.alert.resolved")),
                    entry(3, AuditEvent.named("detection_alert_delivery_failed").outcome(AuditOutcome.FAILURE)
                            .reason("detection.delivery.failed")));
            // the rule itself matches them: only the engine's refusal to look keeps the loop shut
            assertThat(own).allSatisfy(e -> assertThat(rules().evaluate(AuditEventMapper.map(e.seq(), e.recordedAt(), e.event())))
                    .isNotEmpty());

            engine.appended(own);
            engine.appended(List.of(entry(4, AuditEvent.named("shield_alert_raised").reason("shield.prefix.blocked"))));
            engine.flush();

            assertThat(seen).singleElement().satisfies(m -> assertThat(m.auditSeqs()).containsExactly(4L));
        }
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheNextMatches() {
        List<Match> seen = new CopyOnWriteArrayList<>();
        try (DetectionEngine engine = new DetectionEngine(rules(), List.of(m -> {
            throw new IllegalStateException("the book is down");
        }, seen::add), new SimpleMeterRegistry(), 16)) {
            engine.appended(List.of(entry(5, AuditEvent.named("shield_alert_raised").reason("shield.prefix.blocked"))));
            engine.appended(List.of(entry(6, AuditEvent.named("shield_alert_raised").reason("shield.prefix.blocked"))));
            engine.flush();
            assertThat(seen).extracting(m -> m.auditSeqs().getFirst()).containsExactly(5L, 6L);
        }
    }
}
