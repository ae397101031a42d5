package my.benteng.detection.internal.sigma;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** A rule as read from a file: a detection rule over single events, or a correlation rule over other rules' matches. */
public sealed interface SigmaRule {

    RuleInfo info();

    /**
     * @param matches the compiled {@code detection}
     * @param fields  the fields its selections test
     * @param actions the lower-case {@code event.action} values it can match at all, or null for any (an index, derived
     *                conservatively from plain equality tests)
     */
    record Detection(RuleInfo info, Predicate<Event> matches, Set<String> fields, Set<String> actions) implements SigmaRule {

        public boolean matchesEvent(Event event) {
            return matches.test(event);
        }
    }

    /**
     * @param rules     ids or names of the rules it correlates, with the line of each reference
     * @param groupBy   fields whose values form the key counts are kept under (empty: one global count)
     * @param threshold fires when the count (event_count), the distinct values (value_count) or the distinct rules seen
     *                  (temporal: all of them) reach this within the timespan
     * @param field     value_count: the field whose distinct values are counted; null otherwise
     * @param generate  Sigma's {@code generate}: the referenced detection rules raise matches of their own too
     */
    record Correlation(RuleInfo info, Type type, List<Reference> rules, List<String> groupBy, Duration timespan, long threshold,
                       String field, boolean generate) implements SigmaRule {
    }

    enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL
    }

    record Reference(String rule, int line) {
    }
}
