package my.benteng.platform.internal;

import my.benteng.BentengApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile refuses to start with development defaults, and says what is missing. */
class ProductionGuardIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void prodProfileRefusesDevelopmentDefaults() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(BentengApplication.class)
                .web(WebApplicationType.NONE)
                .profiles("prod")
                .run("--benteng.data-dir=" + dataDir, "--benteng.public-base-url=http://insecure.example", "--benteng.dev-tools=true")
                .close())
                .isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("benteng.dev-tools must be false")
                .hasMessageContaining("benteng.public-base-url must be an https URL")
                .hasMessageContaining("benteng.helpdesk.inbound-secret is not set")
                .hasMessageNotContaining("insecure.example");
    }
}
