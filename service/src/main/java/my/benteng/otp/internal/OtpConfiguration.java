package my.benteng.otp.internal;

import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.ProductionCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

@Configuration(proxyBeanMethods = false)
class OtpConfiguration {

    @Bean
    Secrets otpSecrets(OtpProperties properties, LocalSecrets secrets) {
        return new Secrets(secrets.secret(properties.pepper(), "otp-pepper.key"));
    }

    @Bean
    HttpAuthorizationRules otpAuthorizationRules() {
        // anyone may ask for and verify a code: the shield, not authentication, guards this door
        return rules -> rules.requestMatchers(HttpMethod.POST, "/api/v1/otp/requests", "/api/v1/otp/requests/*/verify").permitAll();
    }

    @Bean
    ProductionCheck otpProductionCheck(OtpProperties properties) {
        return () -> LocalSecrets.isStrong(properties.pepper()) ? List.of()
                : List.of("benteng.otp.pepper is not set (at least " + LocalSecrets.MIN_LENGTH + " characters)");
    }
}
