package my.benteng.detection.web;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.Sessions;
import my.benteng.detection.Level;
import my.benteng.detection.internal.alert.AlertBook;
import my.benteng.detection.internal.alert.Firing;
import my.benteng.testing.ApiClient;
import my.benteng.testing.RawHttp;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/** The alert API over real HTTP with staff sessions: who may use it, what it answers, and how it refuses. */
@SqliteIntegrationTest
class AlertApiSqliteIntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    Sessions sessions;

    @Autowired
    AlertBook book;

    @Autowired
    TestClock clock;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String analystId;
    String analyst;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        analystId = UUID.nameUUIDFromBytes(random().getBytes()).toString();
        analyst = staff(analystId, "SECURITY_ANALYST");
        operator = staff(UUID.nameUUIDFromBytes(random().getBytes()).toString(), "OPERATOR");
    }

    private String staff(String id, String role) {
        return sessions.issue(new AccountRef(AccountKind.STAFF, id), Set.of(role)).token();
    }

    private static String random() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private String fire(String rule, Level level, String tag) {
        return book.fire(new Firing(rule, "Staff brute force <b>", level, List.of(tag), Map.of("user.name", "st***01"),
                List.of(11L, 12L, 13L), clock.instant(), "Many failed sign-ins")).alert().id();
    }

    @Test
    void withoutAStaffSessionTheAlertsAreRefused() {
        assertProblem(api.get("/api/v1/alerts", null), 401, "unauthenticated");
        String citizen = sessions.issue(new AccountRef(AccountKind.CITIZEN, UUID.nameUUIDFromBytes(random().getBytes()).toString()),
                Set.of(AccountPrincipal.CITIZEN_ROLE)).token();
        assertProblem(api.get("/api/v1/alerts", citizen), 403, "forbidden");
        assertProblem(api.get("/api/v1/alerts", staff(UUID.nameUUIDFromBytes(random().getBytes()).toString(), "HELPDESK_AGENT")), 403, "forbidden");
        assertProblem(api.post("/api/v1/alerts/" + fire("r-" + random(), Level.HIGH, "attack.t1110.001") + "/resolve", "", null),
                401, "unauthenticated");
    }

    @Test
    void aSilenceWithoutCredentialsIsRefusedBeforeItsBodyIsRead() {
        RawHttp.Answer answer = RawHttp.headOnly(port, "POST", "/api/v1/alerts/silences",
                Map.of("Content-Type", "application/json", "X-Forwarded-For", api.clientIp()), 60_000, true);
        RawHttp.assertProblem(answer, 401, "unauthenticated");
    }

    @Test
    void analystsListAndFilterAlerts() {
        String rule = "r-" + random();
        String high = fire(rule, Level.HIGH, "attack.t1110.001");
        String low = fire(rule + "-low", Level.LOW, "attack.t1621");
        JsonNode page = json(ok(api.get("/api/v1/alerts?level=high&attack=T1110.001&status=firing&size=100", analyst)));
        assertThat(page.path("size").asInt()).isEqualTo(100);
        List<String> ids = page.path("alerts").valueStream().map(a -> a.path("id").asString()).toList();
        assertThat(ids).contains(high).doesNotContain(low);
        JsonNode item = page.path("alerts").valueStream().filter(a -> a.path("id").asString().equals(high)).findFirst().orElseThrow();
        assertThat(item.path("level").asString()).isEqualTo("high");
        assertThat(item.path("status").asString()).isEqualTo("firing");
        assertThat(item.path("attack").get(0).asString()).isEqualTo("T1110.001");
        assertThat(item.path("summary").asString()).isEqualTo("Staff brute force &lt;b&gt; [user.name=st***01]: Many failed sign-ins");
        assertThat(item.path("count").asLong()).isEqualTo(1);
    }

    @Test
    void oneAlertComesWithItsEvidence() {
        String id = fire("r-" + random(), Level.CRITICAL, "attack.t1565");
        JsonNode alert = json(ok(api.get("/api/v1/alerts/" + id, operator)));
        assertThat(alert.path("evidence").path("total").asLong()).isEqualTo(3);
        assertThat(alert.path("evidence").path("auditSequences").valueStream().map(JsonNode::asLong).toList()).containsExactly(11L, 12L, 13L);
        assertThat(alert.path("groupBy").path("user.name").asString()).isEqualTo("st***01");
        assertThat(alert.path("fingerprint").asString()).matches("[0-9a-f]{64}");
    }

    @Test
    void unknownAndMalformedIdsAreNotFoundWithoutEcho() {
        assertProblem(api.get("/api/v1/alerts/" + UUID.nameUUIDFromBytes(random().getBytes()), analyst), 404, "not-found");
        HttpResponse<String> r = api.get("/api/v1/alerts/x%3Cscript%3Ealert(1)", analyst);
        assertProblem(r, 404, "not-found");
        assertThat(r.body()).doesNotContain("script");
        assertProblem(api.post("/api/v1/alerts/" + UUID.nameUUIDFromBytes(random().getBytes()) + "/acknowledge", "", analyst), 404, "not-found");
    }

    @Test
    void badFiltersAreRefusedWithoutEcho() {
        for (String query : List.of("status=%3Cscript%3E", "level=severe", "attack=attack.t1621", "attack=%25", "page=-1", "size=1000",
                "size=xyz")) {
            HttpResponse<String> r = api.get("/api/v1/alerts?" + query, analyst);
            assertProblem(r, 400, "invalid-request");
            assertThat(r.body()).doesNotContain("script", "severe", "attack.t1621", "xyz"); // not hex: a request id in the body can hold any hex run
        }
    }

    @Test
    void acknowledgeThenResolveAndNeverBack() {
        String id = fire("r-" + random(), Level.HIGH, "attack.t1110.001");
        JsonNode acked = json(ok(api.post("/api/v1/alerts/" + id + "/acknowledge", "", analyst)));
        assertThat(acked.path("status").asString()).isEqualTo("acknowledged");
        assertProblem(api.post("/api/v1/alerts/" + id + "/acknowledge", "", analyst), 409, "alert-status-conflict");
        assertThat(json(ok(api.post("/api/v1/alerts/" + id + "/resolve", "", operator))).path("status").asString()).isEqualTo("resolved");
        assertProblem(api.post("/api/v1/alerts/" + id + "/resolve", "", operator), 409, "alert-status-conflict");
        JsonNode detail = json(ok(api.get("/api/v1/alerts/" + id, analyst)));
        assertThat(detail.path("acknowledgedBy").asString()).isEqualTo("staff:" + analystId);
        assertThat(jdbc.sql("SELECT actor, client_ip FROM audit_entry WHERE subject = :id AND event = 'detection_alert_acknowledged'")
                .param("id", id).query((rs, n) -> rs.getString(1) + " " + (rs.getString(2) != null)).single())
                .isEqualTo("staff:" + analystId + " true");
    }

    @Test
    void aSilenceIsSetForAFingerprintAndShownOnItsAlert() {
        String id = fire("r-" + random(), Level.HIGH, "attack.t1110.001");
        String fingerprint = json(ok(api.get("/api/v1/alerts/" + id, analyst))).path("fingerprint").asString();
        String until = clock.instant().plus(Duration.ofHours(4)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        HttpResponse<String> r = api.post("/api/v1/alerts/silences", "{\"fingerprint\":" + q(fingerprint) + ",\"until\":" + q(until)
                + ",\"reason\":\"planned load test\"}", operator);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        assertThat(json(r).path("until").asString()).isEqualTo(until);
        assertThat(json(ok(api.get("/api/v1/alerts/" + id, analyst))).path("silencedUntil").asString()).isEqualTo(until);
        assertThat(jdbc.sql("SELECT details FROM audit_entry WHERE subject = :fp AND event = 'detection_alert_silenced'").param("fp", fingerprint)
                .query(String.class).single()).contains("planned load test");
    }

    @Test
    void badSilencesAreRefusedWithoutEcho() {
        String fingerprint = "ab".repeat(32);
        String soon = clock.instant().plus(Duration.ofHours(1)).toString();
        String tooLong = clock.instant().plus(Duration.ofDays(45)).toString();
        Map<String, String> bodies = Map.of(
                "until", "{\"fingerprint\":" + q(fingerprint) + ",\"until\":" + q(tooLong) + ",\"reason\":\"r\"}",
                "reason", "{\"fingerprint\":" + q(fingerprint) + ",\"until\":" + q(soon) + "}",
                "fingerprint", "{\"fingerprint\":\"<script>\",\"until\":" + q(soon) + ",\"reason\":\"r\"}");
        bodies.forEach((field, body) -> {
            HttpResponse<String> r = api.post("/api/v1/alerts/silences", body, operator);
            assertProblem(r, 400, "invalid-request");
            assertThat(json(r).path("errors").get(0).path("field").asString()).isEqualTo(field);
            assertThat(r.body()).doesNotContain("<script>");
        });
        HttpResponse<String> badTime = api.post("/api/v1/alerts/silences", "{\"fingerprint\":" + q(fingerprint)
                + ",\"until\":\"<script>tomorrow\",\"reason\":\"r\"}", operator);
        assertProblem(badTime, 400, "invalid-request");
        assertThat(badTime.body()).doesNotContain("script");
        assertProblem(api.post("/api/v1/alerts/silences", "{\"fingerprint\":", operator), 400, "malformed-body");
        assertProblem(api.post("/api/v1/alerts/silences", "{\"fingerprint\":\"x\",\"extra\":1}", operator), 400, "malformed-body");
    }

    private static HttpResponse<String> ok(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        return r;
    }
}
