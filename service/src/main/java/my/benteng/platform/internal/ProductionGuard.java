package my.benteng.platform.internal;

import my.benteng.platform.PlatformProperties;
import my.benteng.platform.ProductionCheck;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * In the {@code prod} profile, refuses to finish startup while any {@link ProductionCheck} reports a
 * problem, so a deployment can never come up with development keys or channels by accident.
 */
@Component
@Profile("prod")
class ProductionGuard implements SmartInitializingSingleton {

    private final ObjectProvider<ProductionCheck> checks;
    private final PlatformProperties platform;

    ProductionGuard(ObjectProvider<ProductionCheck> checks, PlatformProperties platform) {
        this.checks = checks;
        this.platform = platform;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = new ArrayList<>(platformProblems());
        checks.orderedStream().forEach(c -> problems.addAll(c.problems()));
        if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(problems);
        }
    }

    private List<String> platformProblems() {
        List<String> problems = new ArrayList<>();
        if (platform.devTools()) {
            problems.add("benteng.dev-tools must be false in production (it serves the dev outbox and Swagger UI)");
        }
        if (!"https".equalsIgnoreCase(platform.publicBaseUrl().getScheme())) {
            problems.add("benteng.public-base-url must be an https URL in production");
        }
        return problems;
    }
}
