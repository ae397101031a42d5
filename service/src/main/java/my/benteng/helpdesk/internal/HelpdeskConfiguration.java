package my.benteng.helpdesk.internal;

import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.ProductionCheck;
import my.benteng.platform.RequestAdmission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.List;

/** The helpdesk's keys, production requirements and access rules. */
@Configuration(proxyBeanMethods = false)
class HelpdeskConfiguration {

    @Bean
    HelpdeskKeys helpdeskKeys(HelpdeskProperties properties, LocalSecrets secrets) {
        return new HelpdeskKeys(
                secrets.key256(properties.recipientKey(), "benteng.helpdesk.recipient-key", "helpdesk-recipient.key"),
                secrets.secret(properties.inboundSecret(), "helpdesk-inbound.key"));
    }

    /**
     * A generated inbound secret sits beside the database: whoever reads the data directory could post mail
     * as the MTA. Production must configure both secrets.
     */
    @Bean
    ProductionCheck helpdeskProductionCheck(HelpdeskProperties properties) {
        return () -> {
            List<String> problems = new ArrayList<>();
            if (!LocalSecrets.isStrong(properties.inboundSecret())) {
                problems.add("benteng.helpdesk.inbound-secret is not set or shorter than " + LocalSecrets.MIN_LENGTH + " characters");
            }
            if (properties.recipientKey().isBlank()) {
                problems.add("benteng.helpdesk.recipient-key is not set (a key generated into the data directory would be used)");
            }
            return problems;
        };
    }

    /** The MTA's shared secret is checked before a byte of the message is read (the controller checks it again). */
    @Bean
    RequestAdmission helpdeskInboundAdmission(InboundGate inbound) {
        RequestMatcher path = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/helpdesk/inbound");
        return new RequestAdmission() {
            @Override
            public boolean guards(HttpServletRequest request) {
                return path.matches(request);
            }

            @Override
            public void admit(HttpServletRequest request) {
                inbound.admit(request.getHeader(InboundGate.SECRET_HEADER));
            }
        };
    }

    @Bean
    HttpAuthorizationRules helpdeskAuthorizationRules() {
        return rules -> {
            // anonymous tickets pass the shield in the controller; the MTA authenticates with the shared secret (helpdeskInboundAdmission)
            rules.requestMatchers(HttpMethod.POST, "/api/v1/helpdesk/tickets", "/api/v1/helpdesk/inbound").permitAll();
            rules.requestMatchers("/api/v1/helpdesk/**").hasRole("HELPDESK_AGENT");
            rules.requestMatchers(HttpMethod.GET, "/help", "/help/**").permitAll();
        };
    }
}
