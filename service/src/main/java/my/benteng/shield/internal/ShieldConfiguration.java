package my.benteng.shield.internal;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditLog;
import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.ProductionCheck;
import my.benteng.shield.Shield;
import my.benteng.shield.ShieldProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Wires the shield: state in the database on the embedded default, in Redis when {@code benteng.redis-url} is set. */
@Configuration(proxyBeanMethods = false)
class ShieldConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ShieldConfiguration.class);

    @Bean
    ShieldKeys shieldKeys(ShieldProperties properties, LocalSecrets secrets) {
        return ShieldKeys.load(properties.powKey(), properties.destinationKey(), secrets);
    }

    @Bean
    ShieldState shieldState(PlatformProperties platform, ShieldProperties properties, SecureRandom random, JdbcClient jdbc,
                            PlatformTransactionManager transactions, DatabaseDialect dialect) {
        // refusals this node already gave are answered from its memory (lock-free; limits only tighten), so a flood
        // against the same numbers or addresses neither takes the Redis round trip nor the database's write lock;
        // every admission still takes the one atomic step
        if (platform.redisUrl().isBlank()) {
            // not in memory: caps, cooldowns, prefix blocks and spent proofs of work must survive a restart (kill -9 too)
            return new RefusalCachingShieldState(new JdbcShieldState(jdbc, transactions, dialect));
        }
        RedisShieldState redis = new RedisShieldState(platform.redisUrl(), platform.redisKeyPrefix(), properties.redisTimeout(),
                platform.redisConnectTimeout(), random);
        // connect (and load the scripts) at start rather than on the first code request, beside the rest of the start-up
        // (2 s of it on a loaded machine); readiness (shieldStateHealthIndicator) waits for it, and a code request that
        // comes first waits for this connect instead of starting one with a shorter timeout. A Redis that does not
        // answer keeps readiness down and refuses codes (fail closed) until it does.
        Thread.ofVirtual().name("shield-redis-connect").start(() -> {
            if (!redis.answers()) {
                log.warn("the shield state in Redis does not answer at start; codes are refused and readiness is down until it does");
            }
        });
        return new RefusalCachingShieldState(redis);
    }

    /** Part of the readiness group: a node whose limit store does not answer refuses every code, so it takes no traffic. */
    @Bean
    HealthIndicator shieldStateHealthIndicator(ShieldState state) {
        return () -> state.answers() ? Health.up().build() : Health.down().build();
    }

    @Bean
    PowService powService(ShieldKeys keys, Clock clock, ShieldProperties properties) {
        return new PowService(keys.powKey(), clock, properties.powChallengeTtl());
    }

    @Bean
    JdbcRegistry shieldRegistry(JdbcClient jdbc, Clock clock, SecureRandom random, AuditLog audit, ShieldProperties properties) {
        return new JdbcRegistry(jdbc, clock, random, audit, properties.registryMaxLifetime());
    }

    /** Closed (drained) by Spring at shutdown: refusals still queued are written before the context goes. */
    @Bean
    ShieldTelemetry shieldTelemetry(AuditLog audit, MeterRegistry meters, Clock clock, ShieldProperties properties, ShieldKeys keys) {
        return new ShieldTelemetry(audit, meters, clock, properties.auditQueueCapacity(), properties.auditRefusalsPerSecond(),
                new DestinationHasher(keys.destinationKey()));
    }

    /** The pumping signal, its levels and learned baseline read back from the shield's store (decision 0023). */
    @Bean
    PumpingMonitor pumpingMonitor(ShieldProperties properties, ShieldState state, ShieldTelemetry telemetry, MeterRegistry meters) {
        PumpingStore store = new StatePumpingStore(state);
        return new PumpingMonitor(StatePumpingStore.restore(store, properties), telemetry, meters,
                properties.velocityWindow().toMillis(), store);
    }

    @Bean
    ShieldStatus shieldStatus(PumpingMonitor pumping, ShieldProperties properties, Clock clock) {
        return new ShieldStatus(pumping, properties, clock);
    }

    @Bean
    Shield shield(ShieldProperties properties, Clock clock, ResourceLoader resources, PowService pow, JdbcRegistry registry,
                  JdbcClient jdbc, ShieldKeys keys, ShieldState state, ShieldTelemetry telemetry,
                  ApplicationEventPublisher events, PumpingMonitor pumping) {
        DestinationPolicy destinations = new DestinationPolicy(properties, disposableDomains(properties, resources));
        // stamped here, at the first start after migration V36 on a deployment that has shield data to carry over
        HashUpgrade upgrade = HashUpgrade.load(jdbc, clock);
        return new DefaultShield(properties, clock, destinations, pow, registry,
                new CachedVerifiedDestinations(new JdbcVerifiedDestinations(jdbc), clock),
                new DestinationHasher(keys.destinationKey()), upgrade, state, telemetry, events, pumping);
    }

    @Bean
    HttpAuthorizationRules shieldAuthorizationRules() {
        return rules -> {
            rules.requestMatchers("/api/v1/shield/registry", "/api/v1/shield/registry/**", "/api/v1/shield/state").hasRole("OPERATOR");
            rules.requestMatchers("/api/v1/pow/**").permitAll();
        };
    }

    @Bean
    ProductionCheck shieldProductionCheck(ShieldProperties properties) {
        return () -> {
            List<String> problems = new ArrayList<>();
            if (properties.powKey().length() < ShieldKeys.MIN_LENGTH) {
                problems.add("benteng.shield.pow-key is not set (at least " + ShieldKeys.MIN_LENGTH + " characters)");
            }
            if (properties.destinationKey().length() < ShieldKeys.MIN_LENGTH) {
                problems.add("benteng.shield.destination-key is not set (at least " + ShieldKeys.MIN_LENGTH + " characters)");
            }
            return problems;
        };
    }

    static Set<String> disposableDomains(ShieldProperties properties, ResourceLoader resources) {
        Set<String> domains = new HashSet<>();
        Resource resource = resources.getResource(properties.disposableDomains());
        try {
            for (String line : resource.getContentAsString(StandardCharsets.UTF_8).split("\\R")) {
                String d = line.strip().toLowerCase(Locale.ROOT);
                if (!d.isEmpty() && !d.startsWith("#")) {
                    domains.add(d);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read benteng.shield.disposable-domains", e);
        }
        properties.extraDisposableDomains().forEach(d -> domains.add(d.strip().toLowerCase(Locale.ROOT)));
        return domains;
    }
}
