package my.benteng.detection.internal.sigma;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Test fixtures: rules from text, events from field pairs. */
final class Rules {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    static final Set<String> FIELDS = Set.of("event.action", "event.outcome", "event.reason", "source.ip", "user.id",
            "labels.count", "labels.purpose", "benteng.subject.value");

    private Rules() {
    }

    static SigmaParser parser() {
        return new SigmaParser(f -> FIELDS.contains(f) || f.startsWith("labels."));
    }

    /** One detection rule around the given {@code detection:} block (indented by four spaces in the text). */
    static SigmaRule.Detection detection(String detectionBlock) {
        return (SigmaRule.Detection) parser().parse("test.yml", detectionRule("r1", detectionBlock)).getFirst();
    }

    static String detectionRule(String id, String detectionBlock) {
        return """
                title: Test rule
                id: %s
                level: high
                logsource:
                    product: benteng
                detection:
                %s
                """.formatted(id, detectionBlock.stripTrailing().indent(4).stripTrailing());
    }

    static RuleSet ruleSet(String text, CorrelationState state) {
        return RuleSet.link(parser().parse("test.yml", text), state);
    }

    static RuleSet ruleSet(String text) {
        return ruleSet(text, state(1024));
    }

    static InMemoryCorrelationState state(int maxKeys) {
        return new InMemoryCorrelationState(maxKeys, new byte[]{1, 2, 3, 4, 5, 6, 7, 8});
    }

    static Event event(String... pairs) {
        return event(0, T0, pairs);
    }

    static Event event(long seq, Instant at, String... pairs) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            fields.put(pairs[i], pairs[i + 1]);
        }
        return new Event(seq, at, fields);
    }

    static List<String> ruleIds(List<Match> matches) {
        return matches.stream().map(Match::ruleId).toList();
    }
}
