package my.benteng.platform.internal;

import my.benteng.BentengApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code BENTENG_LOG_FORMAT=ecs} every log line is one JSON object. The service runs in a JVM of its
 * own, as it would be deployed: logging is configured once per JVM, and other tests' contexts share ours.
 */
class StructuredLoggingIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void logLinesAreJsonWhenConfigured() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                BentengApplication.class.getName(), "--spring.main.web-application-type=none", "--benteng.data-dir=" + dataDir)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("out.log").toFile()); // a file, so a full pipe can never stall the child
        builder.environment().put("BENTENG_LOG_FORMAT", "ecs"); // the variable the README documents
        Process process = builder.start();
        process.getOutputStream().close();
        String out;
        try {
            // without a web server the application finishes starting and its JVM ends
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            out = Files.readString(dataDir.resolve("out.log"), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as(out).hasSizeGreaterThan(3);
        JsonMapper json = JsonMapper.builder().build();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.has("@timestamp")).isTrue();
            assertThat(node.has("message")).isTrue();
        }
    }
}
