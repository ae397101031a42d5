package my.benteng.checkin.internal;

import my.benteng.platform.HttpAuthorizationRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Access rules of the check-in module: citizens only. */
@Configuration(proxyBeanMethods = false)
class CheckinConfiguration {

    @Bean
    HttpAuthorizationRules checkinAuthorizationRules() {
        return rules -> rules.requestMatchers("/api/v1/checkins", "/api/v1/checkins/**", "/api/v1/me/checkins").hasRole("CITIZEN");
    }
}
