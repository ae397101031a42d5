package my.benteng.detection.internal.alert;

import my.benteng.detection.Level;
import my.benteng.platform.KeyedHash;
import my.benteng.platform.PlatformProperties;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery through the outbox to real HTTP receivers in the test JVM, on every database: what Alertmanager and a webhook
 * get, the signature, a receiver that is down and comes back, order, and no transition sent twice by racing dispatchers.
 * Each test has receivers of its own (random names), so its dispatcher claims only its own rows.
 */
abstract class AlertDeliveryContract {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    AlertBook sharedBook;

    @Autowired
    AlertDispatcher sharedDispatcher;

    @Autowired
    JsonMapper json;

    @Autowired
    PlatformProperties platform;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestClock clock;

    ReceiverServer server;
    byte[] secret;
    AlertmanagerReceiver alertmanager;
    WebhookReceiver webhook;
    AlertBook book;
    AlertDispatcher dispatcher;

    @BeforeEach
    void receivers() {
        clock.set(clock.instant().truncatedTo(ChronoUnit.MILLIS)); // frozen: signatures and times are compared exactly
        server = new ReceiverServer();
        secret = new byte[32];
        RANDOM.nextBytes(secret);
        ReceiverHttp http = new ReceiverHttp(Duration.ofSeconds(2), Duration.ofSeconds(3));
        alertmanager = new AlertmanagerReceiver(name("am"), server.url("/am"), platform.publicBaseUrl(), Duration.ofMinutes(1), http, json, clock);
        webhook = new WebhookReceiver(name("hook"), server.url("/hook"), new KeyedHash(secret), http, json, clock);
        List<AlertReceiver> both = List.of(alertmanager, webhook);
        book = sharedBook.withReceivers(both);
        dispatcher = sharedDispatcher.withReceivers(both);
    }

    @AfterEach
    void stopReceiver() {
        server.close();
    }

    private static String name(String kind) {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return kind + "-" + HexFormat.of().formatHex(b);
    }

    private Alert fire(String phone) {
        return book.fire(new Firing("test-rule-" + name("r"), "OTP bombing of one number", Level.HIGH, List.of("attack.t1621"),
                Map.of("destination.phone", phone), List.of(7L, 8L), clock.instant(), null)).alert();
    }

    private List<ReceiverServer.Received> at(String path) {
        return server.received().stream().filter(r -> r.path().equals(path)).toList();
    }

    @Test
    void alertmanagerGetsTheFiringAndThenTheResolvedAlertWithItsLabels() {
        Instant start = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Alert alert = fire("+60 12-*** **89");
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        List<ReceiverServer.Received> posts = at("/am/api/v2/alerts");
        assertThat(posts).hasSize(1);
        JsonNode firing = json.readTree(posts.getFirst().body()).get(0);
        assertThat(firing.path("labels").path("alertname").asString()).isEqualTo("OTP bombing of one number");
        assertThat(firing.path("labels").path("severity").asString()).isEqualTo("high");
        assertThat(firing.path("labels").path("rule_id").asString()).isEqualTo(alert.ruleId());
        assertThat(firing.path("labels").path("attack").asString()).isEqualTo("T1621");
        assertThat(firing.path("labels").path("fingerprint").asString()).isEqualTo(alert.fingerprint());
        assertThat(firing.path("labels").path("source").asString()).isEqualTo("benteng");
        assertThat(firing.path("annotations").path("summary").asString()).isEqualTo("OTP bombing of one number [destination.phone=+60 12-*** **89]");
        assertThat(Instant.parse(firing.path("startsAt").asString())).isEqualTo(alert.firstSeen()).isBetween(start, start.plusSeconds(1));
        assertThat(Instant.parse(firing.path("endsAt").asString())).as("expires by itself if never re-sent").isAfter(clock.instant());
        assertThat(firing.path("generatorURL").asString()).endsWith("/api/v1/alerts/" + alert.id());

        clock.advance(Duration.ofMinutes(5));
        Instant resolvedAt = ((AlertBook.Changed) book.resolve(alert.id(), "staff:a", null)).alert().resolvedAt();
        dispatcher.dispatchDue();
        posts = at("/am/api/v2/alerts");
        assertThat(posts).hasSize(2);
        assertThat(Instant.parse(json.readTree(posts.get(1).body()).get(0).path("endsAt").asString())).isEqualTo(resolvedAt);
        assertThat(dispatcher.dispatchDue()).as("nothing is sent twice").isZero();
    }

    @Test
    void aFiringAlertIsResentToAlertmanagerAtTheIntervalAndNeverToTheWebhook() {
        Alert alert = fire("+60 12-*** **89");
        dispatcher.dispatchDue();
        clock.advance(Duration.ofSeconds(61));
        // open alerts of earlier tests are re-sent to this (new) receiver too: count this alert's notices only
        book.resendDue(10_000);
        while (dispatcher.dispatchDue() > 0) {
            // drain
        }
        assertThat(at("/am/api/v2/alerts").stream().filter(r -> r.body().contains(alert.fingerprint()))).hasSize(2);
        assertThat(at("/hook")).hasSize(1);
        book.resendDue(10_000);
        assertThat(dispatcher.dispatchDue()).as("not again within the interval").isZero();
    }

    @Test
    void theWebhookBodyIsSignedOverTimestampColonBody() throws Exception {
        Alert alert = fire("+60 12-*** **89");
        dispatcher.dispatchDue();
        ReceiverServer.Received hook = at("/hook").getFirst();
        String timestamp = hook.header(WebhookReceiver.TIMESTAMP);
        assertThat(Long.parseLong(timestamp)).isEqualTo(clock.instant().getEpochSecond());
        // what a receiver does: its own HMAC over timestamp ":" body, compared in constant time
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = mac.doFinal((timestamp + ":" + hook.body()).getBytes(StandardCharsets.UTF_8));
        assertThat(MessageDigest.isEqual(expected, HexFormat.of().parseHex(hook.header(WebhookReceiver.SIGNATURE)))).isTrue();
        mac.init(new javax.crypto.spec.SecretKeySpec(secret, "HmacSHA256"));
        byte[] tampered = mac.doFinal((timestamp + ":" + hook.body().replace("high", "low")).getBytes(StandardCharsets.UTF_8));
        assertThat(MessageDigest.isEqual(tampered, HexFormat.of().parseHex(hook.header(WebhookReceiver.SIGNATURE)))).isFalse();
        JsonNode body = json.readTree(hook.body());
        assertThat(body.path("transition").asString()).isEqualTo("fired");
        assertThat(body.path("deliveryId").asString()).isEqualTo(hook.header(WebhookReceiver.DELIVERY));
        assertThat(body.path("alert").path("alertId").asString()).isEqualTo(alert.id());
        assertThat(body.path("alert").path("level").asString()).isEqualTo("high");
    }

    @Test
    void aReceiverThatIsDownGetsEveryNoticeOnceWhenItComesBackInOrder() {
        server.stop();
        Alert alert = fire("+60 12-*** **89");
        dispatcher.dispatchDue();
        assertThat(statuses(alert.id())).containsOnly("PENDING");
        book.resolve(alert.id(), "staff:a", null);
        clock.advance(Duration.ofSeconds(5));
        dispatcher.dispatchDue();
        server.restart();
        server.answer(503);
        clock.advance(Duration.ofSeconds(10));
        dispatcher.dispatchDue();
        assertThat(server.received()).isEmpty();
        assertThat(attempts(alert.id())).as("tried with backoff, the resolves held back behind the firings").containsOnly(3, 0);

        server.answer(200);
        clock.advance(Duration.ofSeconds(20));
        dispatcher.dispatchDue();
        clock.advance(Duration.ofSeconds(1));
        dispatcher.dispatchDue();
        assertThat(statuses(alert.id())).containsOnly("SENT");
        List<String> hookTransitions = at("/hook").stream().map(r -> json.readTree(r.body()).path("transition").asString()).toList();
        assertThat(hookTransitions).containsExactly("fired", "resolved");
        assertThat(at("/am/api/v2/alerts")).hasSize(2);
        clock.advance(Duration.ofHours(1));
        assertThat(dispatcher.dispatchDue()).isZero();
    }

    @Test
    void racingDispatchersNeverSendOneTransitionTwice() throws Exception {
        for (int i = 0; i < 12; i++) {
            fire("+60 12-*** **" + (10 + i));
        }
        List<Callable<Integer>> rounds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rounds.add(() -> {
                int claimed = 0;
                for (int r = 0; r < 5; r++) {
                    claimed += dispatcher.dispatchDue();
                }
                return claimed;
            });
        }
        int claimed = 0;
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> f : threads.invokeAll(rounds)) {
                claimed += f.get();
            }
        }
        assertThat(claimed).isEqualTo(24);
        Map<String, Long> perDelivery = server.received().stream()
                .collect(Collectors.groupingBy(r -> r.path() + " " + (r.path().equals("/hook") ? r.header(WebhookReceiver.DELIVERY) : r.body()),
                        Collectors.counting()));
        assertThat(perDelivery).hasSize(24);
        assertThat(perDelivery.values()).containsOnly(1L);
    }

    @Test
    void aDeliveryWhoseDispatcherDiedIsSentAgainUnderTheSameIdWhenTheLeaseRunsOut() {
        Alert alert = fire("+60 12-*** **89");
        // a dispatcher claims the rows and dies before sending
        jdbc.sql("UPDATE detection_alert_delivery SET status = 'SENDING', attempts = 1, next_attempt_at = :lease WHERE alert_id = :id")
                .param("lease", clock.millis() + 60_000).param("id", alert.id()).update();
        assertThat(dispatcher.dispatchDue()).as("leased").isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(dispatcher.dispatchDue()).isEqualTo(2);
        String id = jdbc.sql("SELECT id FROM detection_alert_delivery WHERE alert_id = :id AND receiver = :r").param("id", alert.id())
                .param("r", webhook.name()).query(String.class).single();
        assertThat(at("/hook")).singleElement().extracting(r -> r.header(WebhookReceiver.DELIVERY)).isEqualTo(id);
    }

    @Test
    void aRefusedNoticeEndsFailedAndAudited() {
        server.answer(400);
        Alert alert = fire("+60 12-*** **89");
        dispatcher.dispatchDue();
        assertThat(statuses(alert.id())).containsOnly("FAILED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'detection_alert_delivery_failed' AND subject = :id")
                .param("id", alert.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aReceiverDownForLongerThanGiveUpAfterIsGivenUpVisibly() {
        server.stop();
        Alert alert = fire("+60 12-*** **89");
        dispatcher.dispatchDue();
        clock.advance(Duration.ofDays(8));
        dispatcher.dispatchDue();
        assertThat(statuses(alert.id())).containsOnly("FAILED");
        assertThat(jdbc.sql("SELECT last_error FROM detection_alert_delivery WHERE alert_id = :id").param("id", alert.id())
                .query(String.class).list()).allMatch(e -> e.startsWith("gave_up_"));
    }

    private List<String> statuses(String alertId) {
        return jdbc.sql("SELECT status FROM detection_alert_delivery WHERE alert_id = :id").param("id", alertId).query(String.class).list();
    }

    private List<Integer> attempts(String alertId) {
        return jdbc.sql("SELECT attempts FROM detection_alert_delivery WHERE alert_id = :id").param("id", alertId).query(Integer.class).list();
    }
}
