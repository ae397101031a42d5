package my.benteng.tracing;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.Citizen;
import my.benteng.account.Citizens;
import my.benteng.account.Purpose;
import my.benteng.account.Sessions;
import my.benteng.account.VerifiedContact;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.platform.Contact;
import my.benteng.tracing.internal.ContactNotifier;
import my.benteng.testing.ApiClient;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the tracing tests share: people with accounts and sessions, premises with QR codes, check-ins made through the
 * check-in API at instants set on the test clock, cases recorded and corrected over real HTTP, and the notifier and
 * outbox driven by the test. Defaults: buffer 15 min, assumed stay 1 h, contact risk period 10 days.
 */
abstract class TracingTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    TestClock clock;

    @Autowired
    Citizens citizens;

    @Autowired
    Sessions sessions;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    ContactNotifier notifier;

    ApiClient api;
    PremisesFixture fixture;
    Instant t0;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        fixture = new PremisesFixture(api, tokens);
        // 10:00 Kuala Lumpur two days ago: inside retention, and the infectious periods below end before "now"
        t0 = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plus(Duration.ofHours(2));
    }

    record Person(Citizen citizen, Contact phone) {
        String id() {
            return citizen.id().value();
        }
    }

    Person person(String name) {
        Contact phone = PremisesFixture.newPhone();
        return new Person(citizens.findOrRegister(new VerifiedContact(phone, Purpose.SIGN_UP), name), phone);
    }

    /** A session issued now (on the test clock), so that it is never idle whatever the clock did before. */
    String session(Person p) {
        return sessions.issue(AccountRef.citizen(p.citizen().id()), Set.of(AccountPrincipal.CITIZEN_ROLE)).token();
    }

    String officer(String role) {
        return sessions.issue(new AccountRef(AccountKind.STAFF, java.util.UUID.randomUUID().toString()), Set.of(role)).token();
    }

    /** Checks in at {@code at}; checks out at {@code out} unless null. */
    void visit(Person p, PremisesFixture.Registered premises, Instant at, Instant out) {
        clock.set(at);
        HttpResponse<String> r = api.post("/api/v1/checkins", "{\"qr\":" + q(premises.qrUrl()) + "}", session(p));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        if (out != null) {
            clock.set(out);
            String id = json(r).path("checkinId").asString();
            HttpResponse<String> o = api.post("/api/v1/checkins/" + id + "/checkout", "", session(p));
            assertThat(o.statusCode()).as(o.body()).isEqualTo(200);
        }
    }

    Instant at(int hour, int minute, int second) {
        return t0.plus(Duration.ofHours(hour - 10).plusMinutes(minute).plusSeconds(second));
    }

    HttpResponse<String> record(String officer, Person p, Instant from, Instant to) {
        return api.post("/api/v1/cases", "{\"citizenId\":" + q(p.id()) + ",\"infectiousFrom\":" + q(from.toString())
                + ",\"infectiousTo\":" + q(to.toString()) + "}", officer);
    }

    HttpResponse<String> correct(String officer, String caseId, Instant from, Instant to) {
        return put("/api/v1/cases/" + caseId, "{\"infectiousFrom\":" + q(from.toString()) + ",\"infectiousTo\":" + q(to.toString()) + "}", officer);
    }

    HttpResponse<String> put(String path, String body, String bearer) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                                    java.net.URI.create("http://127.0.0.1:" + port + path))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                            .header("X-Forwarded-For", api.clientIp())
                            .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The case after its notification round ran (the test drives the notifier): status TRACED, contacts, notified. */
    JsonNode settled(String officer, String caseId) {
        while (notifier.notifyDue() > 0) {
            // drain
        }
        HttpResponse<String> r = api.get("/api/v1/cases/" + caseId, officer);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.path("status").asString()).isEqualTo("TRACED");
        return body;
    }

    String risk(Person p) {
        HttpResponse<String> r = api.get("/api/v1/me/risk-status", session(p));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).path("status").asString();
    }

    /** Contact notifications the dev outbox holds for the person, after notifying and delivering what is due. */
    int notifications(Person p) {
        while (notifier.notifyDue() > 0) {
            // drain
        }
        while (dispatcher.dispatchDue() > 0) {
            // drain
        }
        int n = 0;
        for (JsonNode m : json(api.get("/dev/outbox?limit=500", null))) {
            if (p.phone().value().equals(m.path("to").asString()) && "CONTACT_NOTIFICATION".equals(m.path("template").asString())) {
                n++;
            }
        }
        return n;
    }
}
