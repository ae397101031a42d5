package my.benteng.detection.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rule engine ({@code benteng.detection.rules.*}).
 *
 * @param enabled            evaluate the rules over the audit stream (off: nothing is evaluated, no rule is loaded)
 * @param location           where the rule files are (Spring resource pattern); a bad file stops start-up
 * @param maxCorrelationKeys hard cap on group-by keys the correlation rules keep, over all rules; beyond it the least
 *                           recently used key is dropped and counted ({@code benteng_detection_correlation_evictions_total})
 * @param matchQueue         matches waiting for the sinks (alert book, log); beyond it they are dropped and counted
 * @param eventQueue         audit entries waiting to be evaluated; beyond it they are not evaluated and are counted
 *                           ({@code benteng_detection_events_dropped_total})
 * @param evaluationBatch    queued entries evaluated in one unit of the correlation store (one database transaction: on
 *                           SQLite it holds the write lock the audit append also takes, so keep it small)
 * @param redisTimeout       longest wait for one observation in the shared store in Redis (then counted in memory)
 * @param storeRetryAfter    after the shared store failed, how long this node counts in its memory before trying it again
 */
@ConfigurationProperties("benteng.detection.rules")
public record RuleEngineProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue(RuleFiles.LOCATION) String location,
        @DefaultValue("100000") int maxCorrelationKeys,
        @DefaultValue("10000") int matchQueue,
        @DefaultValue("50000") int eventQueue,
        @DefaultValue("32") int evaluationBatch,
        @DefaultValue("PT0.25S") java.time.Duration redisTimeout,
        @DefaultValue("PT5S") java.time.Duration storeRetryAfter) {

    public RuleEngineProperties {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("benteng.detection.rules.location must name the rule files");
        }
        if (maxCorrelationKeys < 16) {
            throw new IllegalArgumentException("benteng.detection.rules.max-correlation-keys must be at least 16");
        }
        if (matchQueue < 1) {
            throw new IllegalArgumentException("benteng.detection.rules.match-queue must be positive");
        }
        if (evaluationBatch < 1 || evaluationBatch > 1000) {
            throw new IllegalArgumentException("benteng.detection.rules.evaluation-batch must be between 1 and 1000");
        }
        if (eventQueue < 1) {
            throw new IllegalArgumentException("benteng.detection.rules.event-queue must be positive");
        }
        if (redisTimeout.isNegative() || redisTimeout.isZero() || storeRetryAfter.isNegative()) {
            throw new IllegalArgumentException("benteng.detection.rules.redis-timeout must be positive, store-retry-after not negative");
        }
    }
}
