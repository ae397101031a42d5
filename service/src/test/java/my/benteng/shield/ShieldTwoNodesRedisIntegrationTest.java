package my.benteng.shield;

import my.benteng.BentengApplication;
import my.benteng.platform.ClientIp;
import my.benteng.platform.Contact;
import my.benteng.platform.PhoneNumber;
import my.benteng.shield.internal.PowService;
import my.benteng.testing.AltchaSolver;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.EmbeddedNode;
import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service nodes (two Spring contexts) on one PostgreSQL database: a per-destination cap is one cap for the
 * deployment, and a proof-of-work solution buys one code or one ticket on either node, whether the shield state is in
 * Redis or (without Redis) in the database. Before the state moved into
 * the database, each node without Redis kept its own counters in memory and allowed its own three.
 */
@Tag("postgres")
class ShieldTwoNodesRedisIntegrationTest {

    private static final String DATABASE = "benteng_it_nodes_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void createDatabase() throws Exception {
        PostgresTestDatabase.jdbcUrl(); // fails clearly when PostgreSQL or Redis is missing
        try (Connection c = DriverManager.getConnection(ADMIN_URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        }
    }

    @Test
    void withRedisAPerDestinationCapIsGlobalAcrossNodes() throws Exception {
        String prefix = "benteng-it-nodes-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + ":";
        try (ConfigurableApplicationContext a = node("a", PostgresTestDatabase.redisUrl(), prefix);
             ConfigurableApplicationContext b = node("b", PostgresTestDatabase.redisUrl(), prefix)) {
            assertThat(allowedAcross(a.getBean(Shield.class), b.getBean(Shield.class))).as("one cap of 3 per hour for both nodes").isEqualTo(3);
        }
    }

    @Test
    void withoutRedisTheDatabaseHoldsOneCapForBothNodes() throws Exception {
        try (ConfigurableApplicationContext a = node("c", "", "unused:");
             ConfigurableApplicationContext b = node("d", "", "unused:")) {
            assertThat(allowedAcross(a.getBean(Shield.class), b.getBean(Shield.class))).as("one cap of 3 per hour for both nodes").isEqualTo(3);
        }
    }

    @Test
    void withRedisOneSolutionRacedOnTwoNodesBuysOneCodeOrOneTicket() throws Exception {
        String prefix = "benteng-it-nodes-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + ":";
        try (ConfigurableApplicationContext a = node("e", PostgresTestDatabase.redisUrl(), prefix, true);
             ConfigurableApplicationContext b = node("f", PostgresTestDatabase.redisUrl(), prefix, true)) {
            assertOneAdmissionPerSolution(a, b);
        }
    }

    @Test
    void withoutRedisOneSolutionRacedOnTwoNodesBuysOneCodeOrOneTicket() throws Exception {
        try (ConfigurableApplicationContext a = node("g", "", "unused:", true);
             ConfigurableApplicationContext b = node("h", "", "unused:", true)) {
            assertOneAdmissionPerSolution(a, b);
        }
    }

    /**
     * Each round, one solution is sent to both nodes at once as two codes and two tickets (to other numbers, from other
     * addresses): the one ledger of spent solutions lets exactly one of the four through, whichever node wins.
     */
    private static void assertOneAdmissionPerSolution(ConfigurableApplicationContext a, ConfigurableApplicationContext b) throws Exception {
        Shield[] nodes = {a.getBean(Shield.class), b.getBean(Shield.class)};
        List<ClientQuota> quotas = List.of(ClientQuota.perAddress("helpdesk.ticket.per_ip", 5, Duration.ofHours(1)));
        PowService pow = a.getBean(PowService.class);
        long difficulty = a.getBean(ShieldProperties.class).powLowDifficulty();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int round = 0; round < 20; round++) {
                String solution = AltchaSolver.solve(pow.issue(difficulty));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Verdict>> verdicts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Shield node = nodes[i % 2];
                    boolean ticket = i >= 2;
                    Attempt attempt = Attempt.of(Contact.of(PhoneNumber.parse(CodeJourney.newMobile())), ticket ? "HELPDESK_TICKET" : "SIGN_UP",
                            new ClientIp(InetAddress.getByName("198.18." + round + "." + (1 + i)))).withPow(solution);
                    verdicts.add(pool.submit(() -> {
                        start.await();
                        return ticket ? node.admit(attempt, quotas) : node.assess(attempt);
                    }));
                }
                start.countDown();
                List<Verdict> answers = new ArrayList<>();
                for (Future<Verdict> v : verdicts) {
                    answers.add(v.get());
                }
                assertThat(answers).as("round %d", round).filteredOn(v -> v instanceof Verdict.Allow).hasSize(1);
                assertThat(answers).filteredOn(v -> !(v instanceof Verdict.Allow))
                        .allSatisfy(v -> assertThat(v.reason()).isEqualTo("shield.pow.replayed"));
            }
        }
    }

    /** Eight attempts for one (verified) number, alternating between the nodes, each from its own address. */
    private static int allowedAcross(Shield a, Shield b) throws Exception {
        Contact number = new Contact.Phone(PhoneNumber.parse(CodeJourney.newMobile()));
        a.recordVerified(number); // known number: no first-contact interval, only the 3-per-hour cap
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Shield node = i % 2 == 0 ? a : b;
            ClientIp ip = new ClientIp(InetAddress.getByName("198.51." + (100 + i) + "." + (1 + i)));
            verdicts.add(node.assess(Attempt.of(number, "LOGIN", ip)));
        }
        assertThat(verdicts.stream().filter(v -> !(v instanceof Verdict.Allow)))
                .allSatisfy(v -> assertThat(v.reason()).isEqualTo("shield.destination.hourly_cap"));
        return (int) verdicts.stream().filter(v -> v instanceof Verdict.Allow).count();
    }

    private static ConfigurableApplicationContext node(String name, String redisUrl, String redisPrefix) {
        return node(name, redisUrl, redisPrefix, false);
    }

    private static ConfigurableApplicationContext node(String name, String redisUrl, String redisPrefix, boolean powRequired) {
        return new SpringApplicationBuilder(BentengApplication.class)
                .web(WebApplicationType.NONE)
                .run("--benteng.data-dir=" + dataDir.resolve(name),
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + DATABASE,
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--benteng.redis-url=" + redisUrl,
                        "--benteng.redis-key-prefix=" + redisPrefix,
                        // both nodes of one deployment share the deployment's keys
                        "--benteng.shield.destination-key=two-nodes-test-destination-key-0123456789",
                        "--benteng.shield.pow-key=two-nodes-test-pow-key-0123456789abcdef",
                        "--benteng.shield.pow-required=" + powRequired,
                        "--benteng.shield.quiet-hours-start-hour=0",
                        "--benteng.shield.quiet-hours-end-hour=0",
                        "--benteng.messaging.dispatcher.enabled=false",
                        // the tests of this class share one database: earlier tests' unverified codes are no pumping here
                        EmbeddedNode.NO_PUMPING_SIGNAL.get(0), EmbeddedNode.NO_PUMPING_SIGNAL.get(1),
                        "--spring.main.banner-mode=off");
    }
}
