package my.benteng;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer copies the README's sign-up walk-through into a shell: it must work on the embedded default, every
 * time, at any hour. The block is taken from the README itself and run with bash, curl and python3 against a node
 * of its own whose quiet hours cover the present hour (so the harder night-time challenge is always met), twice in
 * a row (a second run must not be locked out by the first).
 */
class ReadmeQuickStartIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void theSignUpWalkThroughWorksTwiceInARowWhateverTheHour() throws Exception {
        String script = walkThrough();
        int hour = ZonedDateTime.now(ZoneId.of("Asia/Kuala_Lumpur")).getHour();
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(BentengApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--benteng.data-dir=" + dataDir,
                        "--benteng.shield.first-contact-hold=PT1S",
                        "--benteng.shield.quiet-hours-start-hour=" + hour, "--benteng.shield.quiet-hours-end-hour=" + (hour + 2) % 24)) {
            int port = ((WebServerApplicationContext) node).getWebServer().getPort();
            String local = script.replace("B=http://localhost:8080", "B=http://127.0.0.1:" + port).replace("sleep 21", "sleep 3");
            assertThat(local).as("the walk-through still starts from the README's address").isNotEqualTo(script);
            for (int run = 1; run <= 2; run++) {
                assertThat(bash(local)).as("run " + run).contains("\"citizenId\"").contains("\"name\":\"Siti Aminah\"");
            }
        }
    }

    private static String walkThrough() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## A new user signs up");
        assertThat(section).as("README section").isPositive();
        Matcher block = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        assertThat(block.find(section)).as("shell block in the section").isTrue();
        return block.group(1);
    }

    private static String bash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the walk-through did not finish in 120 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
