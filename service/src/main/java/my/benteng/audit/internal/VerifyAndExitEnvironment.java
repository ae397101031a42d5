package my.benteng.audit.internal;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * When the service runs as the verification command it starts no web server (so it runs beside a live
 * instance and serves nobody) and it logs only warnings, so that stdout is the JSON report.
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
                "spring.main.web-application-type", "none",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN",
                "logging.level.audit", "WARN")));
    }
}
