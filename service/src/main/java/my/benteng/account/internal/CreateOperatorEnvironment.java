package my.benteng.account.internal;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * When the service runs as the create-operator command it starts no web server and logs only warnings,
 * so that stdout carries the provisioning URI and nothing else.
 */
class CreateOperatorEnvironment implements EnvironmentPostProcessor {

    static final String SWITCH = "benteng.account.create-operator";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String value = environment.getProperty(SWITCH);
        if (value == null || value.isBlank()) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("benteng-account-create-operator", Map.of(
                "spring.main.web-application-type", "none",
                "spring.main.banner-mode", "off",
                "logging.level.root", "WARN",
                "logging.level.audit", "WARN")));
    }
}
