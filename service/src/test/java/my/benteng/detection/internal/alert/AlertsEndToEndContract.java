package my.benteng.detection.internal.alert;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.detection.internal.DetectionEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * From the audit log to Alertmanager, on a node of its own whose Alertmanager is a real HTTP receiver in the test JVM:
 * the refusals of an OTP bombing are appended, the shipped rule matches, the match becomes one alert, more refusals
 * count on it (one match per five refusals), and Alertmanager hears once of the firing and once of the resolve. Background jobs are off; the test
 * drives the engine's queue and the delivery outbox itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AlertsEndToEndContract {

    private static final String BOMBING = "8e727ca9-2bd3-43fa-93fe-b43516a55c8f";
    private static final String ALERTS_PATH = "/api/v2/alerts";

    private ReceiverServer alertmanager;
    private ConfigurableApplicationContext node;
    private AuditLog audit;
    private DetectionEngine engine;
    private AlertBook book;
    private AlertDispatcher dispatcher;
    private JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    /** Starts the node with these arguments on the database under test. */
    abstract ConfigurableApplicationContext start(Path dataDir, String... arguments) throws Exception;

    @BeforeAll
    void startNode() throws Exception {
        alertmanager = new ReceiverServer();
        node = start(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-alerts-"),
                "--benteng.scheduled-jobs.enabled=false", "--benteng.detection.alertmanager-url=" + alertmanager.url(""));
        audit = node.getBean(AuditLog.class);
        engine = node.getBean(DetectionEngine.class);
        book = node.getBean(AlertBook.class);
        dispatcher = node.getBean(AlertDispatcher.class);
        jdbc = node.getBean(JdbcClient.class);
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

    /** Stands for the keyed hash the shield puts on its refusals (one per number; here one per masked number). */
    private static String subjectHash(String number) {
        return "subject-of-" + number;
    }

    /** Refusals of codes for one (masked) number, as the shield audits them: the bombing rule counts five in an hour. */
    private long refuse(String number, int times) {
        List<AuditEvent> refusals = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            refusals.add(AuditEvent.named("excess_rate_limit_exceeded").outcome(AuditOutcome.DENIED).subject(number)
                    .clientIp("198.51.100." + (20 + i)).reason("shield.destination.hourly_cap").attack("T1621")
                    .detail("detection.subject", subjectHash(number)).build());
        }
        long last = audit.recordAll(refusals);
        engine.flush();
        return last;
    }

    private List<String> alertIds(String fingerprint) {
        return jdbc.sql("SELECT id FROM detection_alert WHERE fingerprint = :f").param("f", fingerprint).query(String.class).list();
    }

    /** What Alertmanager was sent about this fingerprint, one JSON alert per POST. */
    private List<JsonNode> postsAbout(String fingerprint) {
        return alertmanager.received().stream().filter(r -> r.path().equals(ALERTS_PATH))
                .map(r -> json.readTree(r.body()))
                .filter(body -> body.size() == 1 && fingerprint.equals(body.get(0).path("labels").path("fingerprint").asString()))
                .map(body -> body.get(0)).toList();
    }

    private void deliverAll() {
        while (dispatcher.dispatchDue() > 0) {
            // drain: alerts of other rules these events matched go out too
        }
    }

    @Test
    void anOtpBombingBecomesOneAlertThatAlertmanagerHearsOfOnceFiringAndOnceResolved() {
        // a masked number of this run only: the PostgreSQL database is shared with the other contexts of the JVM
        String number = "+6019*****" + System.nanoTime();
        String fingerprint = Fingerprint.of(BOMBING, new TreeMap<>(Map.of("benteng.subject.value", number,
                "user.hash", subjectHash(number))));

        long first = refuse(number, 5);
        List<String> ids = alertIds(fingerprint);
        assertThat(ids).hasSize(1);
        Alert alert = book.find(ids.getFirst()).orElseThrow();
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.ruleId()).isEqualTo(BOMBING);
        assertThat(alert.attack()).containsExactly("T1621");
        assertThat(alert.count()).as("matches").isEqualTo(1);
        assertThat(alert.evidenceCount()).as("audit entries").isEqualTo(5);
        assertThat(alert.summary()).contains(number);
        assertThat(book.evidence(alert.id())).containsExactlyElementsOf(LongStream.rangeClosed(first - 4, first).boxed().toList());

        // the bombing goes on: the same alert counts it, no second alert opens
        long second = refuse(number, 5);
        assertThat(alertIds(fingerprint)).containsExactly(alert.id());
        Alert counted = book.find(alert.id()).orElseThrow();
        assertThat(counted.count()).isEqualTo(2);
        assertThat(counted.evidenceCount()).isEqualTo(10);
        assertThat(counted.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(book.evidence(alert.id())).containsExactlyElementsOf(LongStream.rangeClosed(first - 4, second).boxed()
                .filter(s -> s <= first || s > second - 5).toList());

        deliverAll();
        List<JsonNode> posts = postsAbout(fingerprint);
        assertThat(posts).as("one POST for the one firing transition").hasSize(1);
        JsonNode firing = posts.getFirst();
        assertThat(firing.path("labels").path("rule_id").asString()).isEqualTo(BOMBING);
        assertThat(firing.path("labels").path("attack").asString()).isEqualTo("T1621");
        assertThat(firing.path("labels").path("severity").asString()).isEqualTo("high");
        assertThat(Instant.parse(firing.path("endsAt").asString())).as("still firing").isAfter(Instant.now());
        deliverAll();
        assertThat(postsAbout(fingerprint)).as("never sent twice").hasSize(1);

        Instant resolvedAt = ((AlertBook.Changed) book.resolve(alert.id(), "staff:e2e", null)).alert().resolvedAt();
        deliverAll();
        posts = postsAbout(fingerprint);
        assertThat(posts).hasSize(2);
        assertThat(Instant.parse(posts.get(1).path("endsAt").asString())).isEqualTo(resolvedAt);
        deliverAll();
        assertThat(postsAbout(fingerprint)).hasSize(2);
    }
}
