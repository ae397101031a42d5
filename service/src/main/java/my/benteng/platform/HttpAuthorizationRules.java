package my.benteng.platform;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A module's contribution to the one security filter chain: the access rules for its own paths. The
 * platform applies every contribution in {@link org.springframework.core.annotation.Order order}, then
 * its own rules; a module that owns a path says who may call it.
 */
@FunctionalInterface
public interface HttpAuthorizationRules {

    void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);
}
