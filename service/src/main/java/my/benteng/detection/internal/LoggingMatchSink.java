package my.benteng.detection.internal;

import my.benteng.detection.internal.sigma.Match;
import my.benteng.detection.internal.sigma.MatchSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every match as one WARN line of the {@code detection} logger, beside the alert it becomes ({@link AlertingMatchSink}):
 * a trace that survives a database that refused the alert. The group-by values come from masked audit fields and {@link Match} has clipped them and replaced control
 * characters; the log encoder escapes the rest.
 */
@Component
class LoggingMatchSink implements MatchSink {

    private static final Logger log = LoggerFactory.getLogger("detection");

    @Override
    public void accept(Match match) {
        log.warn("detection match rule={} level={} attack={} title=\"{}\" groupBy={} auditSeqs={} at={}", match.ruleId(),
                match.level().sigmaName(), match.attack(), match.title(), match.groupBy(), match.auditSeqs(), match.time());
    }
}
