package my.benteng.premises.internal;

import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.ProductionCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The premises module's QR key ring, production requirements and access rules. */
@Configuration(proxyBeanMethods = false)
class PremisesConfiguration {

    @Bean
    QrCodes qrCodes(PremisesProperties properties, LocalSecrets secrets) {
        Map<Integer, byte[]> keys = new HashMap<>();
        if (properties.qrKeys().isEmpty()) {
            int id = properties.qrKeyId();
            keys.put(id, secrets.key256("", "benteng.premises.qr-keys." + id, "premises-qr-" + id + ".key"));
        } else {
            properties.qrKeys().forEach((id, value) ->
                    keys.put(id, secrets.key256(value, "benteng.premises.qr-keys." + id, "premises-qr-" + id + ".key")));
        }
        return new QrCodes(properties.qrKeyId(), keys);
    }

    /** A generated key beside the database would let whoever copies the data directory print valid posters. */
    @Bean
    ProductionCheck premisesProductionCheck(PremisesProperties properties) {
        return () -> properties.qrKeys().isEmpty()
                ? List.of("benteng.premises.qr-keys is not set (QR codes would be authenticated with a key generated into the data directory)")
                : List.of();
    }

    @Bean
    HttpAuthorizationRules premisesAuthorizationRules() {
        return rules -> {
            rules.requestMatchers(HttpMethod.POST, "/api/v1/premises").permitAll();
            rules.requestMatchers("/api/v1/premises/**").hasRole("CITIZEN");
            // the owner's pages (session cookie): anonymous browsers are sent to sign in by the platform's entry point
            rules.requestMatchers("/premises/mine", "/premises/mine/**").hasRole("CITIZEN");
        };
    }
}
