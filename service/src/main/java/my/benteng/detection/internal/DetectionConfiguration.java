package my.benteng.detection.internal;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.detection.internal.correlation.FailSoftCorrelationState;
import my.benteng.detection.internal.correlation.JdbcCorrelationState;
import my.benteng.detection.internal.correlation.RedisCorrelationState;
import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import my.benteng.detection.internal.sigma.MatchSink;
import my.benteng.detection.internal.sigma.RuleSet;
import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.PlatformProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.security.SecureRandom;

/**
 * The rule engine: the rules are read and checked at start-up (a bad file stops it, naming file and line), the
 * correlation counts are shared by every node — in Redis when {@code benteng.redis-url} is set, else in the database,
 * as the shield chooses its state — with this node's memory behind them for when the store fails (decision 0026), and
 * the engine listens to the audit stream.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "benteng.detection.rules.enabled", havingValue = "true", matchIfMissing = true)
class DetectionConfiguration {

    @Bean(destroyMethod = "close")
    FailSoftCorrelationState detectionCorrelationState(RuleEngineProperties properties, PlatformProperties platform, SecureRandom random,
                                                       JdbcClient jdbc, PlatformTransactionManager transactions, DatabaseDialect dialect) {
        // the key of the in-memory distinct-value hashes is made per start: nothing about it needs to outlive the process
        byte[] key = new byte[32];
        random.nextBytes(key);
        InMemoryCorrelationState local = new InMemoryCorrelationState(properties.maxCorrelationKeys(), key);
        CorrelationState store = platform.redisUrl().isBlank()
                ? new JdbcCorrelationState(jdbc, transactions, dialect, properties.maxCorrelationKeys())
                : new RedisCorrelationState(platform.redisUrl(), platform.redisKeyPrefix(), properties.redisTimeout(),
                platform.redisConnectTimeout());
        return new FailSoftCorrelationState(store, local, properties.storeRetryAfter());
    }

    @Bean
    RuleSet detectionRules(RuleEngineProperties properties, FailSoftCorrelationState detectionCorrelationState) {
        return RuleFiles.load(properties.location(), detectionCorrelationState);
    }

    @Bean(destroyMethod = "close")
    DetectionEngine detectionEngine(RuleSet detectionRules, ObjectProvider<MatchSink> sinks, MeterRegistry meters,
                                    RuleEngineProperties properties) {
        return new DetectionEngine(detectionRules, sinks.orderedStream().toList(), meters, properties.matchQueue(),
                properties.eventQueue(), properties.evaluationBatch());
    }
}
