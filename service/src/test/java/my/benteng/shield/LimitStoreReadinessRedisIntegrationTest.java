package my.benteng.shield;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import my.benteng.BentengApplication;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.CodeJourney;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node connects to its Redis limit store at start (so its first code request does not pay the connect), reports
 * readiness DOWN while Redis does not answer and UP again after, and meanwhile refuses codes with a Retry-After that
 * matches the real recovery time (about a second), not half a minute. Runs its own redis-server on a free port, so
 * stopping it touches nobody else's Redis.
 */
@Tag("postgres")
class LimitStoreReadinessRedisIntegrationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    private Process redis;

    @AfterEach
    void stopRedis() throws Exception {
        if (redis != null) {
            redis.destroy();
            redis.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void readinessFollowsTheLimitStoreAndTheFirstCodeNeedsNoConnect() throws Exception {
        int redisPort = freePort();
        redis = startRedis(redisPort);
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BentengApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--benteng.data-dir=" + dataDir,
                        "--benteng.redis-url=redis://127.0.0.1:" + redisPort, "--benteng.redis-key-prefix=readiness:",
                        "--benteng.messaging.dispatcher.enabled=false", "--benteng.tracing.notify-in-background=false",
                        "--benteng.trusted-proxies=127.0.0.1/32,::1/128", "--benteng.shield.first-contact-hold=PT0S",
                        "--benteng.shield.quiet-hours-start-hour=0", "--benteng.shield.quiet-hours-end-hour=0")) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            OutboxDispatcher dispatcher = node.getBean(OutboxDispatcher.class);

            // connected at start: the node opens its connections (shield state, limit store) before anyone asks for a code
            // or probes readiness (either would connect too); before, nothing connected until the first request
            assertThat(eventually(() -> clientsOf(redisPort) >= 2)).as("connections the node opened at start").isTrue();
            assertThat(readiness(port)).isEqualTo(200);
            assertThat(new CodeJourney(port, dispatcher).requestCode("SMS", CodeJourney.newMobile(), "SIGN_UP").statusCode()).isEqualTo(202);

            redis.destroy();
            assertThat(redis.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(eventually(() -> readiness(port) == 503)).as("readiness DOWN while Redis does not answer").isTrue();
            HttpResponse<String> refused = new CodeJourney(port, dispatcher).requestCode("SMS", CodeJourney.newMobile(), "SIGN_UP");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("urn:benteng:problem:codes-unavailable").doesNotContain("Redis");
            assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).as("seconds").isBetween(1L, 2L);

            redis = startRedis(redisPort);
            assertThat(eventually(() -> readiness(port) == 200)).as("readiness UP once Redis answers again").isTrue();
            assertThat(new CodeJourney(port, dispatcher).requestCode("SMS", CodeJourney.newMobile(), "SIGN_UP").statusCode()).isEqualTo(202);
        }
    }

    private static int readiness(int port) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls a condition until it holds or a generous deadline passes (the deadline only bounds a failing run). */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private static Process startRedis(int port) throws Exception {
        Process p = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--daemonize", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(eventually(() -> clientsOf(port) >= 0)).as("redis-server on port " + port + " answers").isTrue();
        return p;
    }

    /** Clients connected to the Redis on {@code port} besides this probe; -1 when it does not answer. */
    private static long clientsOf(int port) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(1)).build());
        try (var c = client.connect()) {
            return c.sync().clientList().lines().filter(l -> !l.isBlank()).count() - 1;
        } catch (RuntimeException e) {
            return -1;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
