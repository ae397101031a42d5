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
        String out = runWithJsonLogs(dataDir);
        List<String> lines = out.lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).as(out).hasSizeGreaterThan(3);
        JsonMapper json = JsonMapper.builder().build();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.has("@timestamp")).isTrue();
            assertThat(node.has("message")).isTrue();
        }
    }

    /**
     * A value with line breaks reaches a log line (the data directory, logged when a secret is generated): in the JSON
     * format it stays inside its one JSON line, and the C1 NEL and U+2028, which JSON leaves raw and some log viewers
     * break lines on, are escaped.
     */
    @Test
    void aValueWithLineBreaksStaysInsideItsJsonLine() throws Exception {
        String forged = "FORGED audit event=authn_login_success actor=staff:admin";
        Path hostile = Files.createDirectories(dataDir.resolve("d\n" + forged + "\r\n" + forged + "\u0085" + forged + "\u2028" + forged));
        String out = runWithJsonLogs(hostile);
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = out.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: ")).toList();
        assertThat(lines).as(out).allMatch(l -> l.startsWith("{")).noneMatch(l -> l.startsWith("FORGED"));
        assertThat(out).doesNotContain("\u0085").doesNotContain("\u2028");
        List<String> messages = lines.stream().map(l -> json.readTree(l).path("message").asString()).filter(m -> m.contains(forged)).toList();
        assertThat(messages).as(out).isNotEmpty()
                .allMatch(m -> m.contains("d\n" + forged + "\r\n" + forged + "\\u0085" + forged + "\\u2028" + forged));
    }

    private static String runWithJsonLogs(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("benteng-json-log", ".log");
        ProcessBuilder builder = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                BentengApplication.class.getName(), "--spring.main.web-application-type=none", "--benteng.data-dir=" + dataDir)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile()); // a file, so a full pipe can never stall the child
        builder.environment().put("BENTENG_LOG_FORMAT", "ecs"); // the variable the README documents
        Process process = builder.start();
        process.getOutputStream().close();
        try {
            // without a web server the application finishes starting and its JVM ends
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            return Files.readString(log, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
