package my.benteng.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Deployment-wide settings of the platform kernel ({@code benteng.*}).
 *
 * @param dataDir          directory for the embedded database, local keys and the dev outbox
 * @param publicBaseUrl    the https origin citizens reach the service on (QR codes, links in messages)
 * @param trustedProxies   CIDRs of reverse proxies whose X-Forwarded-For / Forwarded headers are believed
 * @param redisUrl         Redis for the shared limit store; empty means limits in the database
 * @param redisKeyPrefix   prefix of every Redis key this deployment writes
 * @param maxRequestBytes  largest request body accepted on the JSON API
 * @param devTools         dev outbox page and Swagger UI; never on in production
 * @param redisConnectTimeout longest wait for a new Redis connection (at start and after a loss); commands have their own,
 *                         shorter timeout
 */
@ConfigurationProperties("benteng")
public record PlatformProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("http://localhost:8080") URI publicBaseUrl,
        @DefaultValue({}) List<String> trustedProxies,
        @DefaultValue("") String redisUrl,
        @DefaultValue("benteng:") String redisKeyPrefix,
        @DefaultValue("65536") long maxRequestBytes,
        @DefaultValue("true") boolean devTools,
        @DefaultValue("PT2S") java.time.Duration redisConnectTimeout) {
}
