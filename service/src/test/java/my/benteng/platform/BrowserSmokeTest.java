package my.benteng.platform;

import my.benteng.testing.Browser;
import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SqliteIntegrationTest
class BrowserSmokeTest {
    @LocalServerPort
    int port;

    @Test
    void headlessChromiumReachesTheService() {
        try (Browser b = Browser.phone()) {
            b.driver().get("http://localhost:" + port + "/actuator/health");
            assertThat(b.driver().getPageSource()).contains("UP");
        }
    }
}
