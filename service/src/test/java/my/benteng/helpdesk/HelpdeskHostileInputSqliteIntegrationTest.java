package my.benteng.helpdesk;

import my.benteng.account.internal.StaffService;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input in every field of every helpdesk endpoint: CR/LF and header injection, oversized and non-UTF-8
 * bodies. Each answer is a clean 4xx problem that does not echo the input, and nothing is stored or queued.
 */
@SqliteIntegrationTest
class HelpdeskHostileInputSqliteIntegrationTest {

    private static final String MARK = "Bcc: victim@example.com";

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    StaffService staff;

    @Autowired
    JdbcClient jdbc;

    HelpdeskFixture fixture;

    @BeforeEach
    void client() {
        fixture = new HelpdeskFixture(port, tokens);
    }

    private long tickets() {
        return jdbc.sql("SELECT COUNT(*) FROM helpdesk_ticket").query(Long.class).single();
    }

    private void refused(HttpResponse<String> r, int status, String slug, String field) {
        assertProblem(r, status, slug);
        assertThat(r.body()).doesNotContain("victim").doesNotContain(MARK);
        if (field != null) {
            assertThat(json(r).path("errors").get(0).path("field").asString()).isEqualTo(field);
        }
    }

    private HttpResponse<String> submit(String category, String subject, String message, String contact, String pow) {
        return fixture.post("/api/v1/helpdesk/tickets", fixture.ticketJson(category, subject, message, contact, pow, null),
                HelpdeskFixture.newIp(), null);
    }

    @Test
    void headerInjectionInTheCategorySubjectAndContactIsRefusedBeforeAnythingIsSpent() {
        long before = tickets();
        String pow = fixture.solvePow();
        refused(submit("GENERAL\r\n" + MARK, "Hi", "Text.", HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "category");
        refused(submit("GENERAL", "Hi\r\n" + MARK, "Text.", HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "subject");
        refused(submit("GENERAL", "Hi\n" + MARK, "Text.", HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "subject");
        refused(submit("GENERAL", "Hi", "Text.", "citizen@example.org\r\n" + MARK, pow), 400, "invalid-request", "contact");
        refused(submit("GENERAL", "Hi", "Text.", "citizen@example.org,victim@example.com", pow), 400, "invalid-request", "contact");
        refused(submit("GENERAL", "Hi", "Text.", "\"x\r\nBcc: victim\"@example.org", pow), 400, "invalid-request", "contact");
        refused(submit("GENERAL", "Hi", "Text.", "+60112345678\r\n" + MARK, pow), 400, "invalid-request", "contact");
        refused(submit("GENERAL", "Hi\u0000", "Text.", HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "subject");
        refused(submit("GENERAL", "Hi", "Text\u0007.", HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "message");
        refused(submit("GENERAL", "Hi \u202Egnp.exe", "Text.", HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "subject");
        // a lone surrogate, escaped in the JSON (the client's UTF-8 encoder would turn a raw one into '?')
        refused(fixture.post("/api/v1/helpdesk/tickets", "{\"category\":\"GENERAL\",\"subject\":\"Hi \\ud800\",\"message\":\"x\",\"contact\":"
                + q(HelpdeskFixture.newEmail()) + ",\"pow\":" + q(pow) + "}", HelpdeskFixture.newIp(), null), 400, "invalid-request", "subject");
        assertThat(tickets()).isEqualTo(before);
        // the proof of work was not spent by any of those
        assertThat(submit("GENERAL", "Hi", "Text.", HelpdeskFixture.newEmail(), pow).statusCode()).isEqualTo(202);
    }

    @Test
    void injectionInTheProofOfWorkOrTheTokenGetsAChallengeOrARefusalNotAFault() {
        HttpResponse<String> pow = submit("GENERAL", "Hi", "Text.", HelpdeskFixture.newEmail(), "abc\r\n" + MARK);
        refused(pow, 428, "proof-of-work-required", null);
        HttpResponse<String> token = fixture.post("/api/v1/helpdesk/tickets", fixture.ticketJson("GENERAL", "Hi", "Text.",
                HelpdeskFixture.newEmail(), fixture.solvePow(), "tok\r\n" + MARK), HelpdeskFixture.newIp(), null);
        refused(token, 400, "invalid-verification", null);
    }

    @Test
    void aMultiLineMessageWithHeadersInItIsStoredForAgentsButNeverSent() {
        String contact = HelpdeskFixture.newEmail();
        HttpResponse<String> r = fixture.submitVerified(contact, "Hi", "Line one\r\n" + MARK + "\r\n\r\n<script>alert(1)</script>");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String reference = json(r).path("reference").asString();
        assertThat(jdbc.sql("SELECT parameters FROM messaging_outbox WHERE recipient = :r").param("r", contact).query(String.class).single())
                .isEqualTo("reference=" + reference);
        assertThat(jdbc.sql("SELECT message FROM helpdesk_ticket WHERE reference = :r").param("r", reference).query(String.class).single())
                .isEqualTo("Line one\n" + MARK + "\n\n<script>alert(1)</script>");
    }

    @Test
    void oversizedFieldsAndBodiesAreRefusedWithoutEcho() {
        String pow = fixture.solvePow();
        refused(submit("GENERAL", "S".repeat(201), "Text.", HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "subject");
        refused(submit("GENERAL", "Hi", "M".repeat(5001), HelpdeskFixture.newEmail(), pow), 400, "invalid-request", "message");
        refused(submit("GENERAL", "Hi", "Text.", "a".repeat(300) + "@example.org", pow), 400, "invalid-request", "contact");
        refused(submit("GENERAL", "Hi", "Text.", HelpdeskFixture.newEmail(), "p".repeat(5000)), 400, "invalid-request", "pow");
        HttpResponse<String> huge = fixture.post("/api/v1/helpdesk/tickets",
                fixture.ticketJson("GENERAL", "Hi", "x".repeat(70_000), HelpdeskFixture.newEmail(), pow, null), HelpdeskFixture.newIp(), null);
        assertProblem(huge, 413, "payload-too-large");
        assertThat(huge.body()).doesNotContain("xxxx");
    }

    @Test
    void nonUtf8AndMalformedBodiesAreCleanProblems() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("{\"category\":\"GENERAL\",\"subject\":\"Hi ".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE});
        b.writeBytes("\",\"message\":\"Text.\",\"contact\":\"a@example.org\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = fixture.postBytes("/api/v1/helpdesk/tickets", b.toByteArray(), "application/json", HelpdeskFixture.newIp(), null);
        assertProblem(r, 400, "malformed-body");

        HttpResponse<String> latin1 = fixture.postBytes("/api/v1/helpdesk/tickets",
                "{\"category\":\"GENERAL\",\"subject\":\"Caf\u00e9\",\"message\":\"x\",\"contact\":\"a@example.org\"}".getBytes(StandardCharsets.ISO_8859_1),
                "application/json", HelpdeskFixture.newIp(), null);
        assertProblem(latin1, 400, "malformed-body");

        assertProblem(fixture.post("/api/v1/helpdesk/tickets", "[1,2,3]", HelpdeskFixture.newIp(), null), 400, "malformed-body");
        assertProblem(fixture.post("/api/v1/helpdesk/tickets", "{\"category\":\"GENERAL\",\"evil\":" + q(MARK) + "}",
                HelpdeskFixture.newIp(), null), 400, "malformed-body");
        assertProblem(fixture.post("/api/v1/helpdesk/tickets", "{}", HelpdeskFixture.newIp(), null), 400, "invalid-request");
        HttpResponse<String> text = fixture.postBytes("/api/v1/helpdesk/tickets", MARK.getBytes(StandardCharsets.UTF_8), "text/plain",
                HelpdeskFixture.newIp(), null);
        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(text.body()).doesNotContain("victim");
    }

    @Test
    void agentEndpointsRefuseHostileInputCleanly() {
        String contact = HelpdeskFixture.newEmail();
        HttpResponse<String> created = fixture.submitVerified(contact, "Hi", "Text.");
        String reference = json(created).path("reference").asString();
        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");
        String base = "/api/v1/helpdesk/tickets/" + reference;

        refused(fixture.post(base + "/replies", "{\"text\":" + q("Hi\u0007 " + MARK) + "}", HelpdeskFixture.newIp(), agent.session()),
                400, "invalid-request", "text");
        refused(fixture.post(base + "/replies", "{\"text\":" + q("R".repeat(2001)) + "}", HelpdeskFixture.newIp(), agent.session()),
                400, "invalid-request", "text");
        refused(fixture.post(base + "/replies", "{\"text\":" + q("pay \u202Eusd") + "}", HelpdeskFixture.newIp(), agent.session()),
                400, "invalid-request", "text");
        refused(fixture.post(base + "/replies", "{\"text\":\"   \"}", HelpdeskFixture.newIp(), agent.session()), 400, "invalid-request", "text");
        refused(fixture.post(base + "/notes", "{\"text\":" + q("N".repeat(5001)) + "}", HelpdeskFixture.newIp(), agent.session()),
                400, "invalid-request", "text");
        refused(fixture.post(base + "/notes", "{\"text\":" + q("note\u001b[2J " + MARK) + "}", HelpdeskFixture.newIp(), agent.session()),
                400, "invalid-request", "text");
        refused(fixture.post(base + "/status", "{\"status\":" + q("RESOLVED\r\n" + MARK) + "}", HelpdeskFixture.newIp(), agent.session()),
                400, "invalid-request", "status");
        refused(fixture.post(base + "/assignment", "{\"assignee\":" + q("someone\r\n" + MARK) + "}", HelpdeskFixture.newIp(), agent.session()),
                400, "invalid-request", "assignee");
        refused(fixture.get("/api/v1/helpdesk/tickets?size=100000", agent.session()), 400, "invalid-request", "size");
        refused(fixture.get("/api/v1/helpdesk/tickets?page=-1", agent.session()), 400, "invalid-request", "page");
        refused(fixture.get("/api/v1/helpdesk/tickets?status=%0D%0ABcc", agent.session()), 400, "invalid-request", "status");
        // the platform's firewall refuses encoded CR/LF in a path before any controller sees it
        HttpResponse<String> path = fixture.get("/api/v1/helpdesk/tickets/HD-%0D%0ABcc", agent.session());
        assertThat(path.statusCode()).isEqualTo(400);
        assertThat(path.body()).doesNotContain("Bcc");
        refused(fixture.get("/api/v1/helpdesk/tickets/HD-%3Cb%3E", agent.session()), 404, "not-found", null);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r AND template = 'HELPDESK_AGENT_REPLY'")
                .param("r", contact).query(Long.class).single()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/helpdesk/tickets/HD-AAAAAAAA/replies", "/api/v1/helpdesk/tickets/HD-AAAAAAAA/notes"})
    void agentWritesNeedAnAgent(String path) {
        assertProblem(fixture.post(path, "{\"text\":\"hi\"}", HelpdeskFixture.newIp(), null), 401, "unauthenticated");
        String citizen = fixture.citizenSession(HelpdeskFixture.newPhone());
        assertProblem(fixture.post(path, "{\"text\":\"hi\"}", HelpdeskFixture.newIp(), citizen), 403, "forbidden");
    }

    @Test
    void aCitizenMaySubmitTenTicketsADayAndStaffSubmitNone() {
        String session = fixture.citizenSession(HelpdeskFixture.newPhone());
        String body = fixture.ticketJson("GENERAL", "Hi", "Text.", null, null, null);
        for (int i = 0; i < 10; i++) {
            assertThat(fixture.post("/api/v1/helpdesk/tickets", body, HelpdeskFixture.newIp(), session).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> eleventh = fixture.post("/api/v1/helpdesk/tickets", body, HelpdeskFixture.newIp(), session);
        assertProblem(eleventh, 429, "too-many-requests");
        assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();

        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");
        assertProblem(fixture.post("/api/v1/helpdesk/tickets", body, HelpdeskFixture.newIp(), agent.session()), 403, "forbidden");
    }

    @Test
    void aReplyRateLimitHoldsPerAgent() {
        String contact = HelpdeskFixture.newEmail();
        String reference = json(fixture.submitVerified(contact, "Hi", "Text.")).path("reference").asString();
        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");
        for (int i = 0; i < 30; i++) {
            assertThat(fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies", "{\"text\":\"Reply " + i + "\"}",
                    HelpdeskFixture.newIp(), agent.session()).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> limited = fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies", "{\"text\":\"One more\"}",
                HelpdeskFixture.newIp(), agent.session());
        assertProblem(limited, 429, "too-many-requests");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r AND template = 'HELPDESK_AGENT_REPLY'")
                .param("r", contact).query(Long.class).single()).isEqualTo(30);
        // another agent is not held by the first one's limit
        HelpdeskFixture.Agent other = fixture.agent(staff, "HELPDESK_AGENT");
        assertThat(fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies", "{\"text\":\"Hello\"}",
                HelpdeskFixture.newIp(), other.session()).statusCode()).isEqualTo(202);
    }
}
