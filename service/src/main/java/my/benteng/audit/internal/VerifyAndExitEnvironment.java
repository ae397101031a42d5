package my.benteng.audit.internal;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * When the service runs as the verification command, its web server listens only on a random loopback port
 * (so it runs beside a live instance and serves nobody; the platform's security chain needs a servlet
 * context, so there is no running without one) and it logs only warnings, so that stdout is the JSON report.
 */
class VerifyAndExitEnvironment implements EnvironmentPostProcessor {

    static final String SWITCH = "benteng.audit.verify-and-exit";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty(SWITCH);
        if (value == null || "false".equalsIgnoreCase(value.strip())) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("benteng-audit-verify-and-exit", Map.of(
                "server.port", "0",
                "server.address", "127.0.0.1",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN",
                "logging.level.audit", "WARN")));
    }
}
