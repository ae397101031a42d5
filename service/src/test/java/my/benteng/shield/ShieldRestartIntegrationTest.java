package my.benteng.shield;

import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.EmbeddedNode;
import my.benteng.testing.MovableClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default keeps its defences across a restart: a node on a SQLite data directory sends codes, blocks a
 * prefix and spends a proof of work, is closed, and a new node on the same directory still refuses what the first
 * would have refused. (A graceful close is the test; {@code kill -9} cannot be done in-process, but the state is
 * written through in the assessment's own transaction, so a killed node has nothing more in memory to lose.)
 * Both nodes share one hand-moved clock, so the test does not depend on machine speed.
 */
class ShieldRestartIntegrationTest {

    // distinct 7-digit prefixes, so that no defence here is tripped by the traffic of another
    private static final String HOURLY = "+60123450001";
    private static final String FIRST_CONTACT = "+60133450001";
    private static final String RETURNING = "+60143450001";
    private static final String PUMPED = "+6017888%04d";
    private static final String PAID = "+60193450001";
    private static final String REPLAYED = "+60183450001";

    @TempDir
    Path dataDir;

    private final MovableClock clock = new MovableClock("2026-11-22T03:00:00Z"); // 11:00 in Kuala Lumpur: no quiet hours

    @Test
    void capsCooldownsBlocksAndSpentSolutionsSurviveARestart() {
        String solution;
        try (ConfigurableApplicationContext node = start()) {
            // hourly cap: three codes to one never-verified number, ten minutes apart (its first-contact interval)
            for (int i = 0; i < 3; i++) {
                assertThat(journey(node).requestCode("SMS", HOURLY, "SIGN_UP").statusCode()).as("code %d", i + 1).isEqualTo(202);
                clock.advance(Duration.ofMinutes(10));
            }
            // first-contact interval: one code to another never-verified number
            assertThat(journey(node).requestCode("SMS", FIRST_CONTACT, "SIGN_UP").statusCode()).isEqualTo(202);
            // resend cooldown: a number that completes a verification (so no first-contact interval applies to it)
            journey(node).verificationToken(RETURNING, "LOGIN");
            // prefix block: the pumping defence blocks a prefix of never-verified numbers at its fifth code
            for (int i = 1; i <= 4; i++) {
                assertThat(journey(node).requestCode("SMS", String.format(PUMPED, i), "SIGN_UP").statusCode()).isEqualTo(202);
            }
            assertThat(journey(node).requestCode("SMS", String.format(PUMPED, 5), "SIGN_UP").statusCode()).isEqualTo(429);
            // a proof of work spent on an admitted code
            CodeJourney payer = journey(node);
            solution = payer.solveChallenge();
            assertThat(request(payer, PAID, solution).statusCode()).isEqualTo(202);
        }

        // every defence is checked (soft assertions), so a failure names each one that was forgotten
        SoftAssertions after = new SoftAssertions();
        try (ConfigurableApplicationContext node = start()) {
            after.assertThat(request(journey(node), REPLAYED, solution).statusCode())
                    .as("the spent solution is refused as a replay").isEqualTo(428);
            after.assertThat(journey(node).requestCode("SMS", FIRST_CONTACT, "CONTACT_VERIFICATION").statusCode())
                    .as("first-contact interval (another purpose, so no resend cooldown applies)").isEqualTo(429);
            after.assertThat(journey(node).requestCode("SMS", RETURNING, "LOGIN").statusCode()).as("resend cooldown").isEqualTo(429);
            for (int i = 6; i <= 9; i++) {
                after.assertThat(journey(node).requestCode("SMS", String.format(PUMPED, i), "SIGN_UP").statusCode())
                        .as("prefix block, number %d", i).isEqualTo(429);
            }
            // thirty minutes after the first of its three codes: only the hourly cap can refuse now
            after.assertThat(journey(node).requestCode("SMS", HOURLY, "SIGN_UP").statusCode()).as("hourly cap").isEqualTo(429);
        }
        after.assertAll();
    }

    private HttpResponse<String> request(CodeJourney journey, String destination, String pow) {
        return journey.post("/api/v1/otp/requests", "{\"channel\":\"SMS\",\"destination\":\"" + destination
                + "\",\"purpose\":\"SIGN_UP\",\"pow\":\"" + pow + "\"}", null);
    }

    private static CodeJourney journey(ConfigurableApplicationContext node) {
        return new CodeJourney(EmbeddedNode.port(node), node.getBean(OutboxDispatcher.class));
    }

    private ConfigurableApplicationContext start() {
        return EmbeddedNode.start(dataDir, clock, "--benteng.shield.first-contact-hold=PT0S");
    }
}
