package my.benteng.platform.internal;

import my.benteng.BentengApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code BENTENG_LOG_FORMAT=ecs} every log line is one JSON object. */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void logLinesAreJsonWhenConfigured(CapturedOutput output) {
        new SpringApplicationBuilder(BentengApplication.class)
                .web(WebApplicationType.NONE)
                .run("--benteng.data-dir=" + dataDir, "--logging.structured.format.console=ecs")
                .close();
        List<String> lines = output.getOut().lines().filter(l -> l.startsWith("{")).toList();
        assertThat(lines).hasSizeGreaterThan(3);
        JsonMapper json = JsonMapper.builder().build();
        for (String line : lines) {
            JsonNode node = json.readTree(line);
            assertThat(node.has("@timestamp")).isTrue();
            assertThat(node.has("message")).isTrue();
        }
    }
}
