package my.benteng.detection.internal.alert;

import my.benteng.detection.internal.DetectionEngine;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.EmbeddedNode;
import my.benteng.testing.MovableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack replay's bombing, through the real path, on a node of its own (SQLite, its own clock, an in-process
 * Alertmanager): bots, each from its own address, solve the proof of work and ask for codes for two victims whose
 * numbers share one mask, a request every two seconds of service time, as the bench's attack driver does. The shield
 * refuses once the caps are reached and audits the refusals with T1621; the shipped bombing rule must fire within a
 * minute of the burst's start, once per victim (two fingerprints, though the masks are equal), and Alertmanager must
 * hear exactly once of each alert's firing and once of its resolve. Background jobs are off; the test delivers.
 */
@Tag("sqlite")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackReplayAlertsSqliteIntegrationTest {

    private static final String BOMBING = "8e727ca9-2bd3-43fa-93fe-b43516a55c8f";
    private static final String ALERTS_PATH = "/api/v2/alerts";
    /** Two victims, one mask (+6011******81): synthetic numbers of the test range CodeJourney uses. */
    private static final List<String> VICTIMS = List.of("+601120000081", "+601129999981");
    /** Kuala Lumpur mid-morning: no quiet hours, the ordinary difficulty. */
    private static final Instant START = Instant.parse("2026-11-24T02:00:00Z");
    private static final Duration PACE = Duration.ofSeconds(2);

    private final MovableClock clock = new MovableClock(START);
    private final JsonMapper json = JsonMapper.builder().build();
    private ReceiverServer alertmanager;
    private ConfigurableApplicationContext node;

    @BeforeAll
    void startNode() throws Exception {
        alertmanager = new ReceiverServer();
        node = EmbeddedNode.start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-replay-"), clock,
                "--benteng.scheduled-jobs.enabled=false", "--benteng.detection.alertmanager-url=" + alertmanager.url(""));
    }

    @AfterAll
    void stopNode() {
        if (node != null) {
            node.close();
        }
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    private List<JsonNode> postsAbout(String fingerprint) {
        return alertmanager.received().stream().filter(r -> r.path().equals(ALERTS_PATH))
                .map(r -> json.readTree(r.body()))
                .flatMap(body -> {
                    List<JsonNode> alerts = new ArrayList<>();
                    body.forEach(alerts::add);
                    return alerts.stream();
                })
                .filter(a -> fingerprint.equals(a.path("labels").path("fingerprint").asString())).toList();
    }

    private void deliverAll(AlertDispatcher dispatcher) {
        while (dispatcher.dispatchDue() > 0) {
            // drain
        }
    }

    @Test
    void aBombingOfTwoNumbersWithOneMaskRaisesTwoAlertsWithinAMinuteAndAlertmanagerHearsOfEachTransitionOnce() {
        int port = EmbeddedNode.port(node);
        OutboxDispatcher outbox = node.getBean(OutboxDispatcher.class);
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 12; i++) {
            for (String victim : VICTIMS) {
                // a bot of its own for every request: its own address, its own solved challenge
                HttpResponse<String> r = new CodeJourney(port, outbox).requestCode("SMS", victim, "SIGN_UP");
                statuses.merge(r.statusCode(), 1, Integer::sum);
                clock.advance(PACE);
            }
        }
        assertThat(statuses.getOrDefault(429, 0)).as("the shield refused the burst").isGreaterThanOrEqualTo(10);
        node.getBean(DetectionEngine.class).flush();

        JdbcClient jdbc = node.getBean(JdbcClient.class);
        List<String> ids = jdbc.sql("SELECT id FROM detection_alert WHERE rule_id = ?").param(BOMBING).query(String.class).list();
        AlertBook book = node.getBean(AlertBook.class);
        List<Alert> alerts = ids.stream().map(id -> book.find(id).orElseThrow()).toList();
        assertThat(alerts).as("one alert per victim").hasSize(2);
        assertThat(alerts).extracting(Alert::fingerprint).doesNotHaveDuplicates();
        assertThat(alerts).allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.FIRING);
            assertThat(a.attack()).containsExactly("T1621");
            assertThat(a.firstSeen()).as("fired within a minute of the burst's start").isBefore(START.plus(Duration.ofMinutes(1)));
            assertThat(a.groupBy().get("benteng.subject.value")).isEqualTo(alerts.getFirst().groupBy().get("benteng.subject.value"));
            assertThat(a.summary() + a.groupBy()).doesNotContain("20000081", "29999981", "1120000", "1129999");
        });

        AlertDispatcher dispatcher = node.getBean(AlertDispatcher.class);
        deliverAll(dispatcher);
        deliverAll(dispatcher);
        for (Alert a : alerts) {
            List<JsonNode> posts = postsAbout(a.fingerprint());
            assertThat(posts).as("one Alertmanager alert for the firing").hasSize(1);
            assertThat(posts.getFirst().path("labels").path("rule_id").asString()).isEqualTo(BOMBING);
            assertThat(posts.getFirst().toString()).doesNotContain("20000081", "29999981");
        }

        for (Alert a : alerts) {
            assertThat(book.resolve(a.id(), "staff:replay", null)).isInstanceOf(AlertBook.Changed.class);
        }
        deliverAll(dispatcher);
        deliverAll(dispatcher);
        for (Alert a : alerts) {
            List<JsonNode> posts = postsAbout(a.fingerprint());
            assertThat(posts).as("and one for the resolve").hasSize(2);
            assertThat(Instant.parse(posts.get(1).path("endsAt").asString())).isBeforeOrEqualTo(clock.instant());
        }
    }
}
