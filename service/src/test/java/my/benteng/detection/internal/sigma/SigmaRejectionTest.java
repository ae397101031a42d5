package my.benteng.detection.internal.sigma;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Everything outside the subset, and every rule that would match every event, is refused at load with file and line. */
class SigmaRejectionTest {

    private static final String HEAD = """
            title: t
            id: r1
            level: high
            logsource:
                product: benteng
            detection:
            """;

    static Stream<Arguments> refused() {
        return Stream.of(
                // the detection block starts at line 7
                Arguments.of("regex modifier", HEAD + "    sel:\n        event.reason|re: 'a.*'\n    condition: sel\n", 8, "modifier 're'"),
                Arguments.of("base64 modifier", HEAD + "    sel:\n        event.reason|base64: x\n    condition: sel\n", 8, "modifier 'base64'"),
                Arguments.of("unknown modifier", HEAD + "    sel:\n        event.reason|fuzzy: x\n    condition: sel\n", 8, "modifier 'fuzzy'"),
                Arguments.of("two value modifiers", HEAD + "    sel:\n        event.reason|contains|startswith: x\n    condition: sel\n", 8,
                        "cannot be combined"),
                Arguments.of("keywords", HEAD + "    keywords:\n        - evil\n    condition: keywords\n", 8, "keyword selections"),
                Arguments.of("keyword scalar", HEAD + "    kw: evil\n    condition: kw\n", 7, "keyword selections"),
                Arguments.of("wildcard", HEAD + "    sel:\n        event.reason: 'account.*'\n    condition: sel\n", 8, "wildcards"),
                Arguments.of("mapping as value", HEAD + "    sel:\n        event.reason:\n            deep: x\n    condition: sel\n", 9,
                        "plain value"),
                Arguments.of("unknown field type", HEAD + "    sel:\n        event.reason: !!binary aGVsbG8=\n    condition: sel\n", 8,
                        "unknown field type"),
                Arguments.of("unknown field", HEAD + "    sel:\n        process.name: x\n    condition: sel\n", 8, "unknown field 'process.name'"),
                Arguments.of("gt on text", HEAD + "    sel:\n        labels.count|gt: many\n    condition: sel\n", 8, "needs a number"),
                Arguments.of("bad cidr", HEAD + "    sel:\n        source.ip|cidr: 10.0.0.0/33\n    condition: sel\n", 8, "CIDR"),
                Arguments.of("empty contains", HEAD + "    sel:\n        event.reason|contains: ''\n    condition: sel\n", 8, "matches every value"),
                Arguments.of("empty selection", HEAD + "    sel: {}\n    condition: sel\n", 7, "empty selection"),
                Arguments.of("empty value list", HEAD + "    sel:\n        event.reason: []\n    condition: sel\n", 8, "empty list"),
                Arguments.of("not over a rare selection", HEAD + "    sel:\n        event.action: rare\n    condition: not sel\n", 9,
                        "match every event"),
                Arguments.of("lone null", HEAD + "    sel:\n        user.id: null\n    condition: sel\n", 9, "match every event"),
                Arguments.of("or with a negation", HEAD + "    a:\n        event.action: x\n    b:\n        event.reason: y\n"
                        + "    condition: a or not b\n", 11, "match every event"),
                Arguments.of("aggregation", HEAD + "    sel:\n        event.action: a\n    condition: sel | count() > 5\n", 9, "aggregations"),
                Arguments.of("near", HEAD + "    sel:\n        event.action: a\n    condition: sel near sel\n", 9, "unexpected 'near'"),
                Arguments.of("two of", HEAD + "    sel:\n        event.action: a\n    condition: 2 of sel*\n", 9, "'2 of'"),
                Arguments.of("unknown selection", HEAD + "    sel:\n        event.action: a\n    condition: sel and other\n", 9, "'other'"),
                Arguments.of("pattern matching nothing", HEAD + "    sel:\n        event.action: a\n    condition: 1 of x*\n", 9, "matches no selection"),
                Arguments.of("unbalanced parenthesis", HEAD + "    sel:\n        event.action: a\n    condition: (sel\n", 9, "not closed"),
                Arguments.of("dangling operator", HEAD + "    sel:\n        event.action: a\n    condition: sel and\n", 9, "ends too early"),
                Arguments.of("timeframe", HEAD + "    sel:\n        event.action: a\n    timeframe: 5m\n    condition: sel\n", 9, "timeframe"),
                Arguments.of("no condition", HEAD + "    sel:\n        event.action: a\n", 7, "no 'condition'"),
                Arguments.of("duplicate key", HEAD + "    sel:\n        event.action: a\n        event.action: b\n    condition: sel\n", 9,
                        "appears twice"),
                Arguments.of("unknown attribute", "title: t\nid: r1\nlevel: high\nseverity: 3\nlogsource: {product: benteng}\n"
                        + "detection: {sel: {event.action: a}, condition: sel}\n", 4, "'severity'"),
                Arguments.of("other product", "title: t\nid: r1\nlevel: high\nlogsource:\n    product: windows\n"
                        + "detection: {sel: {event.action: a}, condition: sel}\n", 5, "product must be 'benteng'"),
                Arguments.of("bad level", "title: t\nid: r1\nlevel: severe\nlogsource: {product: benteng}\n"
                        + "detection: {sel: {event.action: a}, condition: sel}\n", 3, "level must be"),
                Arguments.of("no title", "id: r1\nlevel: high\nlogsource: {product: benteng}\n"
                        + "detection: {sel: {event.action: a}, condition: sel}\n", 1, "no 'title'"),
                Arguments.of("malformed yaml", "title: t\nid: [r1\nlevel: high\n", 3, "not valid YAML"),
                Arguments.of("temporal_ordered", correlation("type: temporal_ordered\n    rules: [a, b]\n    timespan: 5m\n"), 5,
                        "'temporal_ordered'"),
                Arguments.of("unknown correlation type", correlation("type: value_sum\n    rules: [a]\n    timespan: 5m\n"), 5,
                        "unknown correlation type"),
                Arguments.of("lte threshold", correlation("type: event_count\n    rules: [a]\n    timespan: 5m\n    condition:\n        lte: 3\n"), 9,
                        "'lte'"),
                Arguments.of("aliases", correlation("type: temporal\n    rules: [a, b]\n    aliases: {}\n    timespan: 5m\n"), 7, "'aliases'"),
                Arguments.of("bad timespan", correlation("type: event_count\n    rules: [a]\n    timespan: 5 minutes\n    condition: {gte: 3}\n"), 7,
                        "timespan"),
                Arguments.of("too long timespan", correlation("type: event_count\n    rules: [a]\n    timespan: 30d\n    condition: {gte: 3}\n"), 7,
                        "between 1s and 7d"),
                Arguments.of("zero threshold", correlation("type: event_count\n    rules: [a]\n    timespan: 5m\n    condition: {gte: 0}\n"), 8,
                        "below 1"),
                Arguments.of("value_count without field", correlation("type: value_count\n    rules: [a]\n    timespan: 5m\n    condition: {gte: 3}\n"),
                        8, "names the 'field'"),
                Arguments.of("value_count too high", correlation("type: value_count\n    rules: [a]\n    timespan: 5m\n"
                        + "    condition: {gte: 1000, field: user.id}\n"), 8, "above 100"));
    }

    private static String correlation(String body) {
        return "title: c\nid: c1\nlevel: high\ncorrelation:\n    " + body;
    }

    @org.junit.jupiter.api.Test
    void aHostileFileIsRefusedCheaply() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'k'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(", *").append(p).append(", *").append(p).append(", *")
                    .append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append(", *").append(p).append("]\n");
        }
        RuleLoadException aliases = catchThrowableOfType(RuleLoadException.class, () -> Rules.parser().parse("bomb.yml", bomb.toString()));
        assertThat(aliases.getMessage()).startsWith("bomb.yml").contains("not valid YAML");
        String huge = "title: t\ndescription: " + "x".repeat(YamlSource.MAX_CHARS) + "\n";
        assertThat(catchThrowableOfType(RuleLoadException.class, () -> Rules.parser().parse("huge.yml", huge)).getMessage())
                .contains("larger than");
        String deep = "title: " + "[".repeat(100) + "]".repeat(100) + "\n";
        assertThat(catchThrowableOfType(RuleLoadException.class, () -> Rules.parser().parse("deep.yml", deep)).getMessage())
                .contains("not valid YAML");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefusedWithFileAndLine(String what, String yaml, int line, String message) {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> Rules.parser().parse("rules/test.yml", yaml));
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).startsWith("rules/test.yml:" + line + ": ").contains(message);
        assertThat(e.file()).isEqualTo("rules/test.yml");
        assertThat(e.line()).isEqualTo(line);
    }
}
