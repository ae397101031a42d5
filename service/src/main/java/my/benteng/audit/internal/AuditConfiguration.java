package my.benteng.audit.internal;

import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.ProductionCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.util.List;

/** The audit module's signing key, its production requirements and who may read the audit API. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditSigningKey auditSigningKey(AuditProperties properties, PlatformProperties platform, SecureRandom random) {
        return AuditSigningKey.load(properties, platform.dataDir(), random);
    }

    /**
     * A generated key file lives beside the database it vouches for, so anyone who can rewrite the database can
     * probably read the key too; production keeps the key in a secret store instead.
     */
    @Bean
    ProductionCheck auditProductionCheck(AuditProperties properties) {
        return () -> properties.signingKeyConfigured()
                ? List.of()
                : List.of("benteng.audit.signing-key is not set (checkpoints would be signed with a key generated into the data directory)");
    }

    /** Verification reports are for the people who investigate incidents and run the service, nobody else. */
    @Bean
    HttpAuthorizationRules auditAuthorizationRules() {
        return rules -> rules.requestMatchers("/api/v1/audit/**").hasAnyRole("SECURITY_ANALYST", "OPERATOR");
    }
}
