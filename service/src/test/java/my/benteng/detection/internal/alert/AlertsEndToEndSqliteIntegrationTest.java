package my.benteng.detection.internal.alert;

import my.benteng.testing.EmbeddedNode;
import org.junit.jupiter.api.Tag;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;

@Tag("sqlite")
class AlertsEndToEndSqliteIntegrationTest extends AlertsEndToEndContract {

    @Override
    ConfigurableApplicationContext start(Path dataDir, String... arguments) {
        return EmbeddedNode.start(dataDir, Clock.systemUTC(), arguments);
    }
}
