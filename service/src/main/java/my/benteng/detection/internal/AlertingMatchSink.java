package my.benteng.detection.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.detection.internal.alert.AlertBook;
import my.benteng.detection.internal.alert.Firing;
import my.benteng.detection.internal.sigma.Match;
import my.benteng.detection.internal.sigma.MatchSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Turns each match into a {@link Firing} of the {@link AlertBook}: a new alert, or one more count on the open alert of
 * its fingerprint. The engine calls it on its own matches thread, after the appending transaction committed, so
 * {@link AlertBook#fire} runs in a transaction of its own (never nested in the appender's: on SQLite that one holds
 * the write lock a nested one would wait for).
 * <p>A match the book refuses, or a database that fails, costs that alert and nothing else: detection goes on, the
 * failure is counted ({@code benteng.detection.alerts.failed}) and logged with the rule and the exception's type only
 * (a message may carry the group-by values).
 */
@Component
class AlertingMatchSink implements MatchSink {

    private static final Logger log = LoggerFactory.getLogger(AlertingMatchSink.class);

    private final AlertBook book;
    private final Counter failed;

    AlertingMatchSink(AlertBook book, MeterRegistry meters) {
        this.book = book;
        this.failed = Counter.builder("benteng.detection.alerts.failed")
                .description("Rule matches that could not be recorded as alerts").register(meters);
    }

    @Override
    public void accept(Match match) {
        try {
            book.fire(firing(match));
        } catch (RuntimeException e) {
            failed.increment();
            log.error("match of rule {} not recorded as an alert ({})", match.ruleId(), e.getClass().getName());
        }
    }

    /** The match as the book takes it; a verification result is evidence without a sequence number (0), so it is left out. */
    static Firing firing(Match match) {
        List<Long> sequences = match.auditSeqs().stream().filter(s -> s > 0).toList();
        return new Firing(match.ruleId(), match.title(), match.level(), match.attack(), match.groupBy(), sequences, match.time(), null);
    }
}
