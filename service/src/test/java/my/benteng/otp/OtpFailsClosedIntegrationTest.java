package my.benteng.otp;

import my.benteng.BentengApplication;
import my.benteng.testing.AltchaSolver;
import my.benteng.shield.PowChallenge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With its Redis unreachable, a node sends no code: a clear 503 problem with Retry-After, never a 500. */
class OtpFailsClosedIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void redisDownMeansNoCodeAndAClear503() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again below: nothing listens there
        }
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BentengApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--benteng.data-dir=" + dataDir,
                        "--benteng.redis-url=redis://127.0.0.1:" + deadPort, "--benteng.shield.redis-timeout=PT0.2S",
                        "--benteng.messaging.dispatcher.enabled=false",
                        // a daytime-independent run: in quiet hours (00-06 Malaysia) the plain challenge would get a 428
                        "--benteng.shield.quiet-hours-start-hour=0", "--benteng.shield.quiet-hours-end-hour=0")) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            HttpClient http = HttpClient.newHttpClient();
            JsonNode c = JsonMapper.builder().build().readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/pow/challenge")).build(), HttpResponse.BodyHandlers.ofString()).body());
            String pow = AltchaSolver.solve(new PowChallenge(c.get("algorithm").asString(), c.get("challenge").asString(),
                    c.get("maxnumber").asLong(), c.get("salt").asString(), c.get("signature").asString()));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/otp/requests"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"SMS\",\"destination\":\"+601123456789\",\"purpose\":\"SIGN_UP\",\"pow\":\""
                            + pow + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.body()).contains("urn:benteng:problem:codes-unavailable").doesNotContain("Redis").doesNotContain("Exception");
            assertThat(node.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("SELECT COUNT(*) FROM messaging_outbox").query(Long.class).single()).as("nothing enqueued").isZero();
        }
    }
}
