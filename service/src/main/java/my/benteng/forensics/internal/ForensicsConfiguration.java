package my.benteng.forensics.internal;

import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.ProductionCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.List;

/** The evidence signing key and who may reach the module's paths. */
@Configuration(proxyBeanMethods = false)
class ForensicsConfiguration {

    @Bean
    EvidenceSigner forensicsEvidenceSigner(ForensicsProperties properties, LocalSecrets secrets) {
        return new EvidenceSigner(secrets.key256(properties.signingKey(), "benteng.forensics.signing-key", "forensics-ed25519.key"));
    }

    /** A signing key generated beside the database would sign for whoever copies the data directory. */
    @Bean
    ProductionCheck forensicsProductionCheck(ForensicsProperties properties) {
        return () -> properties.signingKey().isBlank()
                ? List.of("benteng.forensics.signing-key is not set (evidence reports would be signed with a key generated into the data directory)")
                : List.of();
    }

    @Bean
    HttpAuthorizationRules forensicsAuthorizationRules() {
        return rules -> {
            // a public key: whoever holds a report (a court, the accused party) must be able to verify it
            rules.requestMatchers(HttpMethod.GET, EvidenceReports.KEY_PATH).permitAll();
            // checked by the authorization filter, before the dispatcher parses a multipart upload (decision 0014)
            rules.requestMatchers("/api/v1/forensics", "/api/v1/forensics/**").hasRole("SECURITY_ANALYST");
        };
    }
}
