package my.benteng.helpdesk;

import my.benteng.account.internal.StaffService;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Tickets, the shield in front of them, acknowledgements and the agent desk over real HTTP; run on each database. */
abstract class HelpdeskContract {

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

    String reference(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String reference = json(r).path("reference").asString();
        assertThat(reference).matches("HD-[A-Z0-9]{8}");
        return reference;
    }

    long outboxRows(String recipient, String template) {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r AND template = :t")
                .param("r", recipient).param("t", template).query(Long.class).single();
    }

    long audit(String event, String subject) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = :e AND subject = :s").param("e", event).param("s", subject)
                .query(Long.class).single();
    }

    @Test
    void anonymousTicketNeedsAProofOfWorkAndGetsAReference() {
        String contact = HelpdeskFixture.newEmail();
        HttpResponse<String> noPow = fixture.post("/api/v1/helpdesk/tickets",
                fixture.ticketJson("GENERAL", "Cannot sign in", "It says wrong code.", contact, null, null), HelpdeskFixture.newIp(), null);
        assertProblem(noPow, 428, "proof-of-work-required");
        assertThat(json(noPow).path("challenge").path("salt").asString()).isNotBlank();

        String reference = reference(fixture.submit(contact, "Cannot sign in", "It says wrong code.", HelpdeskFixture.newIp()));

        assertThat(jdbc.sql("SELECT contact_verified FROM helpdesk_ticket WHERE reference = :r").param("r", reference)
                .query(Integer.class).single()).isZero();
        // unverified: nothing is ever queued for this address
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r").param("r", contact).query(Long.class).single()).isZero();
        assertThat(audit("helpdesk_ticket_created", "ticket:" + reference)).isEqualTo(1);
    }

    @Test
    void aProofOfWorkBuysOneTicketOnly() {
        String pow = fixture.solvePow();
        String body = fixture.ticketJson("GENERAL", "Hello", "Question.", HelpdeskFixture.newEmail(), pow, null);
        reference(fixture.post("/api/v1/helpdesk/tickets", body, HelpdeskFixture.newIp(), null));

        assertProblem(fixture.post("/api/v1/helpdesk/tickets", body, HelpdeskFixture.newIp(), null), 428, "proof-of-work-required");
        // the same solution re-encoded (re-ordered JSON, other base64 text) is still the same solution
        String json = new String(java.util.Base64.getDecoder().decode(pow), java.nio.charset.StandardCharsets.UTF_8);
        tools.jackson.databind.JsonNode n = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        String reordered = java.util.Base64.getEncoder().encodeToString(("{\"signature\":\"" + n.get("signature").asString()
                + "\",\"salt\":\"" + n.get("salt").asString() + "\",\"number\":" + n.get("number").asLong()
                + ",\"challenge\":\"" + n.get("challenge").asString() + "\",\"algorithm\":\"" + n.get("algorithm").asString() + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String again = fixture.ticketJson("GENERAL", "Hello", "Question.", HelpdeskFixture.newEmail(), reordered, null);
        assertProblem(fixture.post("/api/v1/helpdesk/tickets", again, HelpdeskFixture.newIp(), null), 428, "proof-of-work-required");
    }

    /** A code request as a phone sends it, with a given solution. */
    HttpResponse<String> requestCode(String number, String pow) {
        return fixture.post("/api/v1/otp/requests", "{\"channel\":\"SMS\",\"destination\":\"" + number
                + "\",\"purpose\":\"SIGN_UP\",\"pow\":\"" + pow + "\"}", HelpdeskFixture.newIp(), null);
    }

    long ticketsFor(String contact) {
        return jdbc.sql("SELECT COUNT(*) FROM helpdesk_ticket WHERE contact = :c").param("c", contact).query(Long.class).single();
    }

    long messagesTo(String recipient) {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r").param("r", recipient).query(Long.class).single();
    }

    @Test
    void aSolutionThatBoughtATicketBuysNoCode() {
        String pow = fixture.solvePow();
        reference(fixture.post("/api/v1/helpdesk/tickets",
                fixture.ticketJson("GENERAL", "Hello", "Question.", HelpdeskFixture.newEmail(), pow, null), HelpdeskFixture.newIp(), null));

        String number = HelpdeskFixture.newPhone();
        assertProblem(requestCode(number, pow), 428, "proof-of-work-required");
        assertThat(messagesTo(number)).isZero();
    }

    @Test
    void aSolutionThatBoughtACodeBuysNoTicket() {
        String pow = fixture.solvePow();
        String number = HelpdeskFixture.newPhone();
        HttpResponse<String> code = requestCode(number, pow);
        assertThat(code.statusCode()).as(code.body()).isEqualTo(202);
        assertThat(messagesTo(number)).isEqualTo(1);

        String contact = HelpdeskFixture.newEmail();
        assertProblem(fixture.post("/api/v1/helpdesk/tickets", fixture.ticketJson("GENERAL", "Hello", "Question.", contact, pow, null),
                HelpdeskFixture.newIp(), null), 428, "proof-of-work-required");
        assertThat(ticketsFor(contact)).isZero();
    }

    @Test
    void oneSolutionSentAsParallelTicketsAndCodesBuysExactlyOne() throws Exception {
        String pow = fixture.solvePow();
        java.util.List<String> contacts = new java.util.ArrayList<>();
        java.util.List<java.util.concurrent.Callable<HttpResponse<String>>> requests = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String ticketContact = HelpdeskFixture.newEmail();
            String number = HelpdeskFixture.newPhone();
            contacts.add(ticketContact);
            contacts.add(number);
            String body = fixture.ticketJson("GENERAL", "Race " + i, "Text.", ticketContact, pow, null);
            requests.add(() -> fixture.post("/api/v1/helpdesk/tickets", body, HelpdeskFixture.newIp(), null));
            requests.add(() -> requestCode(number, pow));
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<HttpResponse<String>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(requests.size())) {
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> results = new java.util.ArrayList<>();
            for (var request : requests) {
                results.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            for (var result : results) {
                answers.add(result.get());
            }
        }
        assertThat(answers).filteredOn(r -> r.statusCode() == 202).as("answers accepted").hasSize(1);
        assertThat(answers).filteredOn(r -> r.statusCode() != 202)
                .allSatisfy(r -> assertProblem(r, 428, "proof-of-work-required"));
        long created = 0;
        for (String contact : contacts) {
            created += contact.startsWith("+") ? messagesTo(contact) : ticketsFor(contact);
        }
        assertThat(created).as("tickets stored and codes queued").isEqualTo(1);
    }

    @Test
    void oneAddressMaySubmitFiveTicketsAnHour() {
        String ip = HelpdeskFixture.newIp();
        for (int i = 0; i < 5; i++) {
            reference(fixture.submit(HelpdeskFixture.newEmail(), "Question " + i, "Text.", ip));
        }
        HttpResponse<String> sixth = fixture.submit(HelpdeskFixture.newEmail(), "Question 6", "Text.", ip);
        assertProblem(sixth, 429, "too-many-requests");
        assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void aVerifiedContactGetsAtMostOneAcknowledgementInSevenDays() {
        String contact = HelpdeskFixture.newPhone();
        reference(fixture.submitVerified(contact, "First", "Text."));
        assertThat(outboxRows(contact, "HELPDESK_ACKNOWLEDGEMENT")).isEqualTo(1);

        reference(fixture.submitVerified(contact, "Second", "Text."));
        TestClock.INSTANCE.advance(Duration.ofDays(7).minusMinutes(1));
        reference(fixture.submitVerified(contact, "Third", "Text."));
        assertThat(outboxRows(contact, "HELPDESK_ACKNOWLEDGEMENT")).isEqualTo(1);

        TestClock.INSTANCE.advance(Duration.ofMinutes(1));
        String fourth = reference(fixture.submitVerified(contact, "Fourth", "Text."));
        assertThat(outboxRows(contact, "HELPDESK_ACKNOWLEDGEMENT")).isEqualTo(2);
        // the acknowledgement's only parameter is the reference
        assertThat(jdbc.sql("SELECT parameters FROM messaging_outbox WHERE recipient = :r ORDER BY created_at DESC LIMIT 1")
                .param("r", contact).query(String.class).single()).isEqualTo("reference=" + fourth);
    }

    @Test
    void parallelTicketsForOneVerifiedContactClaimOneAcknowledgement() throws Exception {
        String contact = HelpdeskFixture.newEmail();
        int n = 8;
        java.util.List<String> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add(fixture.ticketJson("GENERAL", "Parallel " + i, "Text.", contact, fixture.solvePow(),
                    tokens.issue(HelpdeskFixture.contact(contact), "CONTACT_VERIFICATION")));
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            java.util.List<java.util.concurrent.Future<HttpResponse<String>>> results = new java.util.ArrayList<>();
            for (String body : bodies) {
                results.add(pool.submit(() -> {
                    start.await();
                    return fixture.post("/api/v1/helpdesk/tickets", body, HelpdeskFixture.newIp(), null);
                }));
            }
            start.countDown();
            for (var result : results) {
                reference(result.get());
            }
        }
        assertThat(outboxRows(contact, "HELPDESK_ACKNOWLEDGEMENT")).isEqualTo(1);
    }

    @Test
    void aVerificationTokenForAnotherContactIsRefusedAndCreatesNothing() {
        String token = tokens.issue(HelpdeskFixture.contact(HelpdeskFixture.newEmail()), "CONTACT_VERIFICATION");
        String victim = HelpdeskFixture.newEmail();
        HttpResponse<String> r = fixture.post("/api/v1/helpdesk/tickets",
                fixture.ticketJson("GENERAL", "Hi", "Text.", victim, fixture.solvePow(), token), HelpdeskFixture.newIp(), null);
        assertProblem(r, 400, "invalid-verification");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM helpdesk_ticket WHERE contact = :c").param("c", victim).query(Long.class).single()).isZero();
    }

    @Test
    void aSignedInCitizensTicketGoesToTheAccountsOwnContact() {
        String own = HelpdeskFixture.newPhone();
        String session = fixture.citizenSession(own);
        String other = HelpdeskFixture.newEmail();

        String reference = reference(fixture.post("/api/v1/helpdesk/tickets",
                fixture.ticketJson("CHECK_IN", "QR will not scan", "At the mall.", other, null, null), HelpdeskFixture.newIp(), session));

        assertThat(jdbc.sql("SELECT contact FROM helpdesk_ticket WHERE reference = :r").param("r", reference).query(String.class).single())
                .isEqualTo(own);
        assertThat(outboxRows(own, "HELPDESK_ACKNOWLEDGEMENT")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r").param("r", other).query(Long.class).single()).isZero();
    }

    @Test
    void agentsWorkATicketFromQueueToResolved() {
        String contact = HelpdeskFixture.newEmail();
        String reference = reference(fixture.submitVerified(contact, "Wrong name on certificate", "Please fix my name."));
        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");

        // the queue masks the contact
        HttpResponse<String> queue = fixture.get("/api/v1/helpdesk/tickets?category=ACCOUNT&status=OPEN&assignee=none&size=100", agent.session());
        assertThat(queue.statusCode()).as(queue.body()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode t : json(queue).path("tickets")) {
            if (t.path("reference").asString().equals(reference)) {
                row = t;
            }
        }
        assertThat(row).as("ticket in the queue").isNotNull();
        assertThat(queue.body()).doesNotContain(contact);
        assertThat(row.path("contactVerified").asBoolean()).isTrue();

        // opening it shows the contact and is a sensitive read on the record
        HttpResponse<String> detail = fixture.get("/api/v1/helpdesk/tickets/" + reference, agent.session());
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(json(detail).path("contact").asString()).isEqualTo(contact);
        assertThat(json(detail).path("message").asString()).isEqualTo("Please fix my name.");
        assertThat(audit("sensitive_read", "ticket:" + reference)).isEqualTo(1);

        assertThat(fixture.post("/api/v1/helpdesk/tickets/" + reference + "/assignment", "{\"assignee\":\"me\"}", HelpdeskFixture.newIp(),
                agent.session()).statusCode()).isEqualTo(204);
        HttpResponse<String> mine = fixture.get("/api/v1/helpdesk/tickets?assignee=me", agent.session());
        assertThat(json(mine).path("tickets").size()).isEqualTo(1);
        assertThat(json(mine).path("tickets").get(0).path("assignee").asString()).isEqualTo(agent.id());

        assertThat(fixture.post("/api/v1/helpdesk/tickets/" + reference + "/notes", "{\"text\":\"Checked the registry.\"}",
                HelpdeskFixture.newIp(), agent.session()).statusCode()).isEqualTo(201);
        HttpResponse<String> reply = fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies",
                "{\"text\":\"Your name is corrected.\\nThank you.\"}", HelpdeskFixture.newIp(), agent.session());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        assertThat(outboxRows(contact, "HELPDESK_AGENT_REPLY")).isEqualTo(1);
        assertThat(audit("helpdesk_reply_sent", "ticket:" + reference)).isEqualTo(1);

        JsonNode after = json(fixture.get("/api/v1/helpdesk/tickets/" + reference, agent.session()));
        assertThat(after.path("status").asString()).isEqualTo("PENDING"); // a reply waits for the citizen
        assertThat(after.path("entries").size()).isEqualTo(2);
        assertThat(after.path("entries").get(0).path("kind").asString()).isEqualTo("NOTE");

        HttpResponse<String> resolved = fixture.post("/api/v1/helpdesk/tickets/" + reference + "/status", "{\"status\":\"RESOLVED\"}",
                HelpdeskFixture.newIp(), agent.session());
        assertThat(resolved.statusCode()).isEqualTo(200);
        assertProblem(fixture.post("/api/v1/helpdesk/tickets/" + reference + "/status", "{\"status\":\"OPEN\"}", HelpdeskFixture.newIp(),
                agent.session()), 409, "ticket-state");
        assertProblem(fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies", "{\"text\":\"One more thing\"}",
                HelpdeskFixture.newIp(), agent.session()), 409, "ticket-state");
    }

    @Test
    void agentsCannotReplyToAContactNobodyVerified() {
        String victim = HelpdeskFixture.newEmail();
        String reference = reference(fixture.submit(victim, "Prank", "Text.", HelpdeskFixture.newIp()));
        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");

        assertProblem(fixture.post("/api/v1/helpdesk/tickets/" + reference + "/replies", "{\"text\":\"Hello\"}", HelpdeskFixture.newIp(),
                agent.session()), 409, "contact-unverified");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE recipient = :r").param("r", victim).query(Long.class).single()).isZero();
    }

    @Test
    void theDeskIsForAgentsOnly() {
        assertProblem(fixture.get("/api/v1/helpdesk/tickets", null), 401, "unauthenticated");
        String citizen = fixture.citizenSession(HelpdeskFixture.newPhone());
        assertProblem(fixture.get("/api/v1/helpdesk/tickets", citizen), 403, "forbidden");
        HelpdeskFixture.Agent officer = fixture.agent(staff, "HEALTH_OFFICER");
        assertProblem(fixture.get("/api/v1/helpdesk/tickets", officer.session()), 403, "forbidden");
        HelpdeskFixture.Agent agent = fixture.agent(staff, "HELPDESK_AGENT");
        assertProblem(fixture.get("/api/v1/helpdesk/tickets/HD-NOPE0000", agent.session()), 404, "not-found");
        assertProblem(fixture.get("/api/v1/helpdesk/tickets/nonsense", agent.session()), 404, "not-found");
    }
}
