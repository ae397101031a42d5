package my.benteng.detection.internal;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import my.benteng.detection.internal.sigma.MatchSink;
import my.benteng.detection.internal.sigma.RuleSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;

/**
 * The rule engine: the rules are read and checked at start-up (a bad file stops it, naming file and line), the
 * correlation state is this node's memory, and the engine listens to the audit stream.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "benteng.detection.rules.enabled", havingValue = "true", matchIfMissing = true)
class DetectionConfiguration {

    /** The key of the distinct-value hashes is made per start: nothing about it needs to outlive the process. */
    @Bean
    RuleSet detectionRules(RuleEngineProperties properties, SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return RuleFiles.load(properties.location(), new InMemoryCorrelationState(properties.maxCorrelationKeys(), key));
    }

    @Bean(destroyMethod = "close")
    DetectionEngine detectionEngine(RuleSet detectionRules, ObjectProvider<MatchSink> sinks, MeterRegistry meters,
                                    RuleEngineProperties properties) {
        return new DetectionEngine(detectionRules, sinks.orderedStream().toList(), meters, properties.matchQueue());
    }
}
