package my.benteng.platform;

import com.zaxxer.hikari.HikariDataSource;
import my.benteng.BentengApplication;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.ApiClient;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.EmbeddedNode;
import my.benteng.testing.PostgresTestDatabase;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.TestSupportConfiguration;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static my.benteng.testing.ApiClient.json;
import static my.benteng.testing.ApiClient.q;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL terminates the service's connections (pg_terminate_backend: a failover, an operator, a restart) while
 * requests are in flight on several routes: every answer is a success or a 503 problem with Retry-After, never a 500.
 * A node of its own on a database of its own, so the terminations touch no other test's connections.
 */
@Tag("postgres")
class ConnectionLossPostgresIntegrationTest {

    private static final String DATABASE = "benteng_it_connloss_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;
    private static final int ROUNDS = 4;

    @TempDir
    static Path dataDir;

    static ConfigurableApplicationContext node;

    @BeforeAll
    static void start() throws Exception {
        PostgresTestDatabase.jdbcUrl(); // the shared settings (server addresses)
        try (Connection c = DriverManager.getConnection(ADMIN_URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
        // Hikari re-validates a connection only when it sat idle for 500 ms; this pool never does, so a terminated
        // connection is handed to the next request and fails there, on whatever statement it runs (deterministic,
        // whatever the machine's speed). The pool reads the property once, when it is built.
        System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", Long.toString(3_600_000));
        try {
            node = new SpringApplicationBuilder(BentengApplication.class, TestSupportConfiguration.class)
                    .run("--server.port=0", "--server.address=127.0.0.1", "--benteng.data-dir=" + dataDir,
                            "--spring.datasource.url=" + URL, "--spring.datasource.username=" + PostgresTestDatabase.user(),
                            "--spring.datasource.password=", "--spring.datasource.hikari.maximum-pool-size=6",
                            "--benteng.redis-url=" + PostgresTestDatabase.redisUrl(),
                            "--benteng.redis-key-prefix=benteng-it-connloss-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + ":",
                            "--benteng.messaging.dispatcher.enabled=false", "--benteng.tracing.notify-in-background=false",
                            // every round's codes go unverified: not pumping, and not what this test is about
                            EmbeddedNode.NO_PUMPING_SIGNAL.get(0), EmbeddedNode.NO_PUMPING_SIGNAL.get(1),
                            "--benteng.trusted-proxies=127.0.0.1/32,::1/128", "--benteng.shield.first-contact-hold=PT0S",
                            "--benteng.shield.quiet-hours-start-hour=0", "--benteng.shield.quiet-hours-end-hour=0");
        } finally {
            System.clearProperty("com.zaxxer.hikari.aliveBypassWindowMs");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        try (Connection c = DriverManager.getConnection(ADMIN_URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Test
    void terminatedConnectionsGiveA503WithRetryAfterOnEveryRouteNeverA500() throws Exception {
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        TestVerificationTokens tokens = node.getBean(TestVerificationTokens.class);
        OutboxDispatcher dispatcher = node.getBean(OutboxDispatcher.class);
        ApiClient api = new ApiClient(port);
        PremisesFixture fixture = new PremisesFixture(api, tokens);
        PremisesFixture.Registered premises = fixture.register("Kedai Runcit Ah Kow");

        List<String> bad = new ArrayList<>();
        int unavailable = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int round = 0; round < ROUNDS; round++) {
                // everything a request needs that is not under test is made while the database is reachable: the
                // connections the last round left dead (idle, never used since) are replaced first
                node.getBean(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
                String citizen = fixture.citizen();
                String toCheckOut = json(api.post("/api/v1/checkins", "{\"qr\":" + q(premises.qrUrl()) + "}", citizen)).path("checkinId").asString();
                CodeJourney codes = new CodeJourney(port, dispatcher);
                String codePow = codes.solveChallenge();
                CodeJourney helpdesk = new CodeJourney(port, dispatcher);
                String ticketPow = helpdesk.solveChallenge();
                String signUp = tokens.issue(PremisesFixture.newPhone(), "SIGN_UP");
                String secondCitizen = fixture.citizen();

                Map<String, Callable<HttpResponse<String>>> routes = new LinkedHashMap<>();
                routes.put("check-in", () -> api.post("/api/v1/checkins", "{\"qr\":" + q(premises.qrUrl()) + "}", secondCitizen));
                routes.put("check-out", () -> api.post("/api/v1/checkins/" + toCheckOut + "/checkout", "{}", citizen));
                routes.put("history", () -> api.get("/api/v1/me/checkins", citizen));
                routes.put("code request", () -> codes.post("/api/v1/otp/requests", "{\"channel\":\"SMS\",\"destination\":\""
                        + CodeJourney.newMobile() + "\",\"purpose\":\"SIGN_UP\",\"pow\":\"" + codePow + "\"}", null));
                routes.put("helpdesk ticket", () -> helpdesk.post("/api/v1/helpdesk/tickets", "{\"category\":\"GENERAL\",\"subject\":\"Sijil"
                        + " vaksin\",\"message\":\"Sijil saya tidak keluar.\",\"contact\":\"" + CodeJourney.newMobile() + "\",\"pow\":\""
                        + ticketPow + "\"}", null));
                routes.put("sign-up", () -> api.post("/api/v1/citizens", "{\"verificationToken\":" + q(signUp) + ",\"name\":\"Aminah binti Ali\"}"));

                terminateServiceConnections(); // every pooled connection is dead before the requests start
                Map<String, Future<HttpResponse<String>>> answers = new LinkedHashMap<>();
                routes.forEach((route, call) -> answers.put(route, pool.submit(call)));
                terminateServiceConnections(); // and the replacements opened meanwhile die while requests are in flight
                for (Map.Entry<String, Future<HttpResponse<String>>> a : answers.entrySet()) {
                    HttpResponse<String> r = a.getValue().get();
                    boolean retryable = r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()
                            && r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
                    if (r.statusCode() / 100 != 2 && !retryable) {
                        bad.add(a.getKey() + " answered " + r.statusCode() + " " + r.body());
                    }
                    unavailable += r.statusCode() == 503 ? 1 : 0;
                    assertThat(r.body()).doesNotContain("Exception").doesNotContain("57P01").doesNotContain("terminat");
                }
            }
        }
        assertThat(bad).as("answers other than 2xx or 503 + Retry-After").isEmpty();
        assertThat(unavailable).as("the terminations did reach requests (else this test shows nothing)").isPositive();
    }

    private static void terminateServiceConnections() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        }
    }
}
