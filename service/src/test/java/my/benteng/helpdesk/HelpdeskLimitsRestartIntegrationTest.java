package my.benteng.helpdesk;

import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.EmbeddedNode;
import my.benteng.testing.MovableClock;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shield state of the embedded default keeps the helpdesk's defences across a restart: a spent proof of
 * work still buys no second ticket, and an address that used its five tickets of the hour gets no sixth, on a new node
 * started on the same SQLite data directory. (Graceful close here; each decision is committed before it is answered,
 * so {@code kill -9} loses nothing more.)
 */
class HelpdeskLimitsRestartIntegrationTest {

    private static final String BUSY_IP = "2001:db8:7e57:1::1";

    @TempDir
    Path dataDir;

    private final MovableClock clock = new MovableClock("2026-11-22T03:00:00Z");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSpentSolutionAndAFullHourlyWindowSurviveARestart() throws Exception {
        String spentBody;
        try (ConfigurableApplicationContext node = EmbeddedNode.start(dataDir, clock)) {
            spentBody = ticket(node, "once@example.org");
            assertThat(submit(node, spentBody, "2001:db8:7e57:2::1").statusCode()).isEqualTo(202);
            for (int i = 0; i < 5; i++) {
                assertThat(submit(node, ticket(node, "busy" + i + "@example.org"), BUSY_IP).statusCode()).as("ticket %d", i + 1).isEqualTo(202);
            }
        }
        clock.advance(Duration.ofMinutes(1));
        SoftAssertions after = new SoftAssertions();
        try (ConfigurableApplicationContext node = EmbeddedNode.start(dataDir, clock)) {
            after.assertThat(submit(node, spentBody, "2001:db8:7e57:3::1").statusCode()).as("spent proof of work").isEqualTo(428);
            after.assertThat(submit(node, ticket(node, "busy6@example.org"), BUSY_IP).statusCode()).as("sixth ticket of the hour").isEqualTo(429);
        }
        after.assertAll();
    }

    private String ticket(ConfigurableApplicationContext node, String contact) {
        String pow = new CodeJourney(EmbeddedNode.port(node), node.getBean(OutboxDispatcher.class)).solveChallenge();
        return "{\"category\":\"GENERAL\",\"subject\":\"Hello\",\"message\":\"A question.\",\"contact\":\"" + contact
                + "\",\"pow\":\"" + pow + "\"}";
    }

    private HttpResponse<String> submit(ConfigurableApplicationContext node, String body, String clientIp) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + EmbeddedNode.port(node) + "/api/v1/helpdesk/tickets"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", clientIp)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
