package my.benteng.account.internal;

import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.ProductionCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** The account module's keys, password hashing, production requirements and access rules. */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    @Bean
    ContactHasher contactHasher(AccountProperties properties, LocalSecrets secrets) {
        return new ContactHasher(secrets.key256(properties.contactKey(), "benteng.account.contact-key", "account-contact.key"));
    }

    @Bean
    SecretBox secretBox(AccountProperties properties, LocalSecrets secrets, SecureRandom random) {
        return new SecretBox(secrets.key256(properties.secretsKey(), "benteng.account.secrets-key", "account-secrets.key"), random);
    }

    @Bean
    StaffPasswords staffPasswords() {
        return new StaffPasswords();
    }

    /**
     * Generated key files sit beside the database whose columns they protect; production keeps them in a
     * secret store. Changing the contact key later breaks every contact lookup, so it is set once.
     */
    @Bean
    ProductionCheck accountProductionCheck(AccountProperties properties) {
        return () -> {
            List<String> problems = new ArrayList<>();
            if (properties.contactKey().isEmpty()) {
                problems.add("benteng.account.contact-key is not set (contact hashes would use a key generated into the data directory)");
            }
            if (properties.secretsKey().isEmpty()) {
                problems.add("benteng.account.secrets-key is not set (staff TOTP secrets would be encrypted with a key generated into the data directory)");
            }
            return problems;
        };
    }

    @Bean
    HttpAuthorizationRules accountAuthorizationRules() {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/staff/sessions").permitAll();
            rules.requestMatchers("/api/v1/staff/**").hasRole("OPERATOR");
            rules.requestMatchers(HttpMethod.POST, "/api/v1/citizens").permitAll();
            rules.requestMatchers(HttpMethod.POST, "/api/v1/sessions").permitAll();
            rules.requestMatchers(HttpMethod.POST, "/api/v1/citizen-sessions").permitAll();
            rules.requestMatchers("/api/v1/sessions/current", "/api/v1/me").authenticated();
        };
    }
}
