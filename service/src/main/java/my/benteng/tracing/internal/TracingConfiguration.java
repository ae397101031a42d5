package my.benteng.tracing.internal;

import my.benteng.platform.HttpAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Access rules of the tracing module. */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    HttpAuthorizationRules tracingAuthorizationRules() {
        return rules -> {
            // cases name a person and their illness: health officers only
            rules.requestMatchers("/api/v1/cases", "/api/v1/cases/**").hasRole("HEALTH_OFFICER");
            rules.requestMatchers("/api/v1/me/risk-status").hasRole("CITIZEN");
            // aggregates with a minimum count; still behind a session so that they are not scraped anonymously
            rules.requestMatchers("/api/v1/hotspots").authenticated();
        };
    }
}
