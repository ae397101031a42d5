package my.benteng.detection.internal.alert;

import my.benteng.testing.EmbeddedNode;
import org.junit.jupiter.api.Tag;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;

@Tag("postgres")
class AlertsEndToEndPostgresIntegrationTest extends AlertsEndToEndContract {

    @Override
    ConfigurableApplicationContext start(Path dataDir, String... arguments) {
        return EmbeddedNode.startOnPostgres(dataDir, Clock.systemUTC(), arguments);
    }
}
