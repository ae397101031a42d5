package my.benteng.ekyc.internal;

import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.ProductionCheck;
import my.benteng.platform.RequestAdmission;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** The vault's keys, stores and access rules. */
@Configuration(proxyBeanMethods = false)
class EkycConfiguration {

    @Bean
    KeyVault ekycKeyVault(EkycProperties properties, PlatformProperties platform, LocalSecrets secrets) {
        return new LocalKeyVault(properties.keysetPath(platform.dataDir()),
                secrets.key256(properties.masterKey(), "benteng.ekyc.master-key", "ekyc-master.key"));
    }

    @Bean
    BlobStore ekycBlobStore(EkycProperties properties, PlatformProperties platform, SecureRandom random) {
        return new FilesystemBlobStore(properties.blobPath(platform.dataDir()), random);
    }

    @Bean
    EnvelopeCipher ekycEnvelopeCipher(KeyVault vault, BlobStore blobs) {
        return new EnvelopeCipher(vault, blobs);
    }

    @Bean
    ImageSanitiser ekycImageSanitiser(EkycProperties properties) {
        return new ImageSanitiser(properties.maxImageBytes().toBytes(), properties.maxPixels());
    }

    @Bean
    ForensicWatermark ekycWatermark(EkycProperties properties, LocalSecrets secrets) {
        return new ForensicWatermark(secrets.key256(properties.watermarkKey(), "benteng.ekyc.watermark-key", "ekyc-watermark.key"),
                ForensicWatermarkStrength.DEFAULT);
    }

    @Bean
    Renditions ekycRenditions(ForensicWatermark watermark) {
        return new Renditions(watermark);
    }

    @Bean
    Vault.LookupKey ekycLookupKey(EkycProperties properties, LocalSecrets secrets) {
        return new Vault.LookupKey(secrets.key256(properties.lookupKey(), "benteng.ekyc.lookup-key", "ekyc-lookup.key"));
    }

    /** Keys generated beside the database would go wherever a copy of the data directory goes. */
    @Bean
    ProductionCheck ekycProductionCheck(EkycProperties properties) {
        return () -> {
            List<String> problems = new ArrayList<>();
            if (properties.masterKey().isBlank()) {
                problems.add("benteng.ekyc.master-key is not set (the key-encryption keyset would be encrypted with a key generated into the data directory)");
            }
            if (properties.lookupKey().isBlank()) {
                problems.add("benteng.ekyc.lookup-key is not set");
            }
            if (properties.watermarkKey().isBlank()) {
                problems.add("benteng.ekyc.watermark-key is not set");
            }
            return problems;
        };
    }

    /**
     * Relying parties' requests are checked as far as their headers allow (shape, timestamp, key, source network, unspent
     * nonce) before the body is read: otherwise anyone could make the server parse an 11 MB multipart body (in memory)
     * just to answer that the request is not signed. The signature covers the body's digest and is checked after it.
     */
    @Bean
    RequestAdmission ekycSignedRequestAdmission(SignedRequests signatures) {
        // the same paths the authorization rules below open to signed requests
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher signed = new OrRequestMatcher(paths.matcher(HttpMethod.POST, "/api/v1/ekyc/sessions"),
                paths.matcher(HttpMethod.POST, "/api/v1/ekyc/verify"), paths.matcher(HttpMethod.GET, "/api/v1/ekyc/images/*"));
        return new RequestAdmission() {
            @Override
            public boolean guards(HttpServletRequest request) {
                return signed.matches(request);
            }

            @Override
            public void admit(HttpServletRequest request) {
                signatures.admit(request);
            }
        };
    }

    @Bean
    HttpAuthorizationRules ekycAuthorizationRules() {
        return rules -> {
            // relying parties authenticate each request by its HMAC signature (SignedRequests), not by a session
            rules.requestMatchers(HttpMethod.POST, "/api/v1/ekyc/sessions", "/api/v1/ekyc/verify").permitAll();
            rules.requestMatchers(HttpMethod.GET, "/api/v1/ekyc/images/*").permitAll();
            rules.requestMatchers("/api/v1/ekyc/consents", "/api/v1/ekyc/consents/**").hasRole("CITIZEN");
            rules.requestMatchers("/api/v1/ekyc/relying-parties", "/api/v1/ekyc/relying-parties/**", "/api/v1/ekyc/keys/**",
                    "/api/v1/ekyc/break-glass", "/api/v1/ekyc/break-glass/**")
                    .hasRole("OPERATOR");
        };
    }
}
