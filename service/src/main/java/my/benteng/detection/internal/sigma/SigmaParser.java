package my.benteng.detection.internal.sigma;

import my.benteng.detection.Level;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rules of one Sigma file (one rule per YAML document) and compiles their detections. Everything the
 * supported subset does not cover is refused here, with the file and the line; see the package documentation for the
 * subset.
 */
public final class SigmaParser {

    private static final Set<String> COMMON_KEYS = Set.of("title", "id", "name", "status", "description", "references", "author",
            "date", "modified", "level", "tags", "falsepositives", "license", "related", "fields", "taxonomy", "scope");
    private static final Set<String> DETECTION_KEYS = Set.of("logsource", "detection");
    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated", "unsupported");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern TECHNIQUE = Pattern.compile("attack\\.(t\\d{4}(\\.\\d{3})?)");
    private static final Pattern SELECTION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d{1,6})([smhd])");
    /** Longest correlation window: state is kept per window, so it must end. */
    static final Duration MAX_TIMESPAN = Duration.ofDays(7);
    /** Largest value_count threshold: each group-by key keeps up to this many distinct values (16 bytes each). */
    static final long MAX_DISTINCT = 100;
    static final long MAX_COUNT = 1_000_000;
    /** A value no real event carries, given to every field a rule tests by the sanity check. */
    static final String PROBE = "benteng-sanity-probe-7c1e";

    private final Predicate<String> knownField;

    /** @param knownField the event vocabulary (fields some Benteng event can carry) */
    public SigmaParser(Predicate<String> knownField) {
        this.knownField = knownField;
    }

    public List<SigmaRule> parse(String file, String text) {
        YamlSource source = new YamlSource(file);
        List<SigmaRule> rules = new ArrayList<>();
        for (Node document : source.documents(text)) {
            rules.add(rule(source, document));
        }
        if (rules.isEmpty()) {
            throw new RuleLoadException(file, 0, "the file holds no rule");
        }
        return rules;
    }

    private SigmaRule rule(YamlSource source, Node document) {
        Map<String, Node> top = source.mapping(document, "a rule");
        Map<String, Node> keyNodes = source.keys(document);
        boolean correlation = top.containsKey("correlation");
        for (String key : top.keySet()) {
            boolean allowed = COMMON_KEYS.contains(key) || (correlation ? key.equals("correlation") : DETECTION_KEYS.contains(key));
            if (!allowed) {
                throw source.fail(keyNodes.get(key), correlation && DETECTION_KEYS.contains(key)
                        ? "a correlation rule has no '" + key + "': it refers to other rules"
                        : "'" + YamlSource.printable(key) + "' is not a Sigma rule attribute this subset knows");
            }
        }
        RuleInfo info = info(source, document, top);
        if (correlation) {
            return correlation(source, info, top.get("correlation"));
        }
        if (!top.containsKey("logsource")) {
            throw source.fail(document, "the rule has no 'logsource'");
        }
        logsource(source, top.get("logsource"));
        if (!top.containsKey("detection")) {
            throw source.fail(document, "the rule has no 'detection'");
        }
        return detection(source, info, top.get("detection"));
    }

    private static RuleInfo info(YamlSource source, Node document, Map<String, Node> top) {
        for (String required : List.of("title", "id", "level")) {
            if (!top.containsKey(required)) {
                throw source.fail(document, "the rule has no '" + required + "'");
            }
        }
        String title = source.text(top.get("title"), "title");
        String id = source.text(top.get("id"), "id");
        if (!ID.matcher(id).matches()) {
            throw source.fail(top.get("id"), "the id must be letters, digits, '.', '_' or '-' (a UUID)");
        }
        String name = id;
        if (top.containsKey("name")) {
            name = source.text(top.get("name"), "name");
            if (!ID.matcher(name).matches()) {
                throw source.fail(top.get("name"), "the name must be letters, digits, '.', '_' or '-'");
            }
        }
        String status = "experimental";
        if (top.containsKey("status")) {
            status = source.text(top.get("status"), "status");
            if (!STATUSES.contains(status)) {
                throw source.fail(top.get("status"), "status must be one of " + STATUSES);
            }
        }
        String levelText = source.text(top.get("level"), "level");
        Level level = Level.parse(levelText).orElseThrow(() -> source.fail(top.get("level"),
                "level must be informational, low, medium, high or critical"));
        List<String> tags = new ArrayList<>();
        List<String> attack = new ArrayList<>();
        if (top.containsKey("tags")) {
            for (Node tagNode : source.sequence(top.get("tags"), "tags")) {
                String tag = source.text(tagNode, "a tag");
                if (!TAG.matcher(tag).matches()) {
                    throw source.fail(tagNode, "tags are lower-case words such as attack.t1621");
                }
                tags.add(tag);
                Matcher m = TECHNIQUE.matcher(tag);
                if (m.matches()) {
                    attack.add(m.group(1).toUpperCase(Locale.ROOT));
                }
            }
        }
        if (top.containsKey("description")) {
            source.text(top.get("description"), "description");
        }
        return new RuleInfo(id, name, title, status, level, tags, attack, source.file(), YamlSource.line(document));
    }

    private static void logsource(YamlSource source, Node node) {
        Map<String, Node> logsource = source.mapping(node, "logsource");
        Map<String, Node> keys = source.keys(node);
        for (Map.Entry<String, Node> e : logsource.entrySet()) {
            if (!Set.of("product", "service", "category", "definition").contains(e.getKey())) {
                throw source.fail(keys.get(e.getKey()), "'" + YamlSource.printable(e.getKey()) + "' is not a logsource attribute");
            }
            source.text(e.getValue(), "logsource " + e.getKey());
        }
        // a rule written for another product's logs would load and never match: refuse it instead
        if (!logsource.containsKey("product") || !source.text(logsource.get("product"), "product").equals("benteng")) {
            throw source.fail(node, "logsource product must be 'benteng': these rules run over Benteng's audit events");
        }
    }

    private SigmaRule.Detection detection(YamlSource source, RuleInfo info, Node node) {
        Map<String, Node> detection = source.mapping(node, "detection");
        Map<String, Node> keys = source.keys(node);
        if (detection.containsKey("timeframe")) {
            throw source.fail(keys.get("timeframe"), "'timeframe' is outside the supported subset: write a correlation rule with a timespan");
        }
        if (!detection.containsKey("condition")) {
            throw source.fail(node, "the detection has no 'condition'");
        }
        Map<String, Test> selections = new LinkedHashMap<>();
        Set<String> fields = new LinkedHashSet<>();
        for (Map.Entry<String, Node> e : detection.entrySet()) {
            String name = e.getKey();
            if (name.equals("condition")) {
                continue;
            }
            if (!SELECTION.matcher(name).matches() || ConditionParser.KEYWORDS.contains(name)) {
                throw source.fail(keys.get(name), "'" + YamlSource.printable(name) + "' cannot name a selection (a word, not a condition keyword)");
            }
            selections.put(name, selection(source, e.getValue(), fields));
        }
        if (selections.isEmpty()) {
            throw source.fail(node, "the detection has no selection");
        }
        Node conditionNode = detection.get("condition");
        List<Test> conditions = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        List<Node> conditionNodes = conditionNode instanceof SequenceNode s ? s.getValue() : List.of(conditionNode);
        if (conditionNodes.isEmpty()) {
            throw source.fail(conditionNode, "the condition is empty");
        }
        for (Node c : conditionNodes) {
            conditions.add(ConditionParser.compile(source, c, source.text(c, "condition"), selections, used));
        }
        Test compiled = Test.anyOf(conditions);
        sanity(source, conditionNode, compiled.predicate(), fields);
        return new SigmaRule.Detection(info, compiled.predicate(), Set.copyOf(fields), compiled.actions());
    }

    /**
     * Refuses a rule that matches an event with no fields, or one whose every tested field holds a value no event
     * carries: such a rule ({@code not sel} over a selection that rarely matches, a null test on its own) would match
     * nearly every event and bury the real alerts.
     */
    private static void sanity(YamlSource source, Node node, Predicate<Event> matches, Set<String> fields) {
        java.time.Instant epoch = java.time.Instant.EPOCH;
        if (matches.test(new Event(0, epoch, Map.of()))) {
            throw source.fail(node, "the rule would match every event (it matches an event with none of its fields); "
                    + "a detection must require something to be present");
        }
        Map<String, String> probe = new HashMap<>();
        fields.forEach(f -> probe.put(f, PROBE));
        if (matches.test(new Event(0, epoch, probe))) {
            throw source.fail(node, "the rule would match every event (it matches arbitrary values in all its fields)");
        }
    }

    private Test selection(YamlSource source, Node node, Set<String> fields) {
        if (node instanceof MappingNode) {
            return fieldMap(source, node, fields);
        }
        if (node instanceof SequenceNode s) {
            if (s.getValue().isEmpty()) {
                throw source.fail(node, "an empty selection matches every event");
            }
            List<Test> alternatives = new ArrayList<>();
            for (Node item : s.getValue()) {
                if (!(item instanceof MappingNode)) {
                    throw source.fail(item, "keyword selections (values without a field) are outside the supported subset");
                }
                alternatives.add(fieldMap(source, item, fields));
            }
            return Test.anyOf(alternatives);
        }
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
            throw source.fail(node, "an empty selection matches every event");
        }
        throw source.fail(node, "keyword selections (values without a field) are outside the supported subset");
    }

    private Test fieldMap(YamlSource source, Node node, Set<String> fields) {
        Map<String, Node> entries = source.mapping(node, "a selection");
        if (entries.isEmpty()) {
            throw source.fail(node, "an empty selection matches every event");
        }
        Map<String, Node> keys = source.keys(node);
        List<Predicate<Event>> tests = new ArrayList<>();
        Set<String> actions = null;
        for (Map.Entry<String, Node> e : entries.entrySet()) {
            tests.add(FieldMatchers.compile(source, keys.get(e.getKey()), e.getKey(), e.getValue(), knownField, fields));
            if (e.getKey().equals("event.action")) {
                actions = plainValues(e.getValue());
            }
        }
        return new Test(ConditionParser.allOf(tests), actions);
    }

    /**
     * The lower-case values of a plain equality test ({@code event.action: x} or a list of them), or null when the test
     * is anything else: then the selection is taken to match any action.
     */
    private static Set<String> plainValues(Node node) {
        List<Node> values = node instanceof SequenceNode s ? s.getValue() : List.of(node);
        Set<String> out = new java.util.HashSet<>();
        for (Node v : values) {
            if (!(v instanceof ScalarNode scalar) || scalar.getTag().equals(Tag.NULL) || scalar.getValue().indexOf('\\') >= 0) {
                return null;
            }
            out.add(scalar.getValue().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private SigmaRule.Correlation correlation(YamlSource source, RuleInfo info, Node node) {
        Map<String, Node> c = source.mapping(node, "correlation");
        Map<String, Node> keys = source.keys(node);
        for (String key : c.keySet()) {
            if (key.equals("aliases")) {
                throw source.fail(keys.get(key), "'aliases' is outside the supported subset: correlated rules must use the same field names");
            }
            if (!Set.of("type", "rules", "group-by", "timespan", "condition", "generate").contains(key)) {
                throw source.fail(keys.get(key), "'" + YamlSource.printable(key) + "' is not a correlation attribute");
            }
        }
        for (String required : List.of("type", "rules", "timespan")) {
            if (!c.containsKey(required)) {
                throw source.fail(node, "the correlation has no '" + required + "'");
            }
        }
        String typeText = source.text(c.get("type"), "type");
        SigmaRule.Type type = switch (typeText) {
            case "event_count" -> SigmaRule.Type.EVENT_COUNT;
            case "value_count" -> SigmaRule.Type.VALUE_COUNT;
            case "temporal" -> SigmaRule.Type.TEMPORAL;
            case "temporal_ordered" -> throw source.fail(c.get("type"), "'temporal_ordered' is outside the supported subset "
                    + "(event_count, value_count, temporal)");
            default -> throw source.fail(c.get("type"), "unknown correlation type '" + YamlSource.printable(typeText)
                    + "' (event_count, value_count, temporal)");
        };
        List<SigmaRule.Reference> rules = new ArrayList<>();
        List<Node> ruleNodes = c.get("rules") instanceof SequenceNode s ? s.getValue() : List.of(c.get("rules"));
        if (ruleNodes.isEmpty()) {
            throw source.fail(c.get("rules"), "the correlation refers to no rule");
        }
        for (Node r : ruleNodes) {
            String ref = source.text(r, "a rule reference");
            if (rules.stream().anyMatch(x -> x.rule().equals(ref))) {
                throw source.fail(r, "rule '" + YamlSource.printable(ref) + "' is listed twice");
            }
            rules.add(new SigmaRule.Reference(ref, YamlSource.line(r)));
        }
        if (type == SigmaRule.Type.TEMPORAL && rules.size() < 2) {
            throw source.fail(c.get("rules"), "a temporal correlation needs at least two rules");
        }
        List<String> groupBy = new ArrayList<>();
        if (c.containsKey("group-by")) {
            for (String field : source.texts(c.get("group-by"), "group-by")) {
                if (!knownField.test(field)) {
                    throw source.fail(c.get("group-by"), "unknown group-by field '" + YamlSource.printable(field) + "'");
                }
                if (groupBy.contains(field)) {
                    throw source.fail(c.get("group-by"), "group-by names '" + field + "' twice");
                }
                groupBy.add(field);
            }
        }
        Duration timespan = timespan(source, c.get("timespan"));
        long threshold;
        String field = null;
        if (type == SigmaRule.Type.TEMPORAL) {
            if (c.containsKey("condition")) {
                throw source.fail(c.get("condition"), "a temporal correlation takes no condition: all its rules must match");
            }
            threshold = rules.size();
        } else {
            if (!c.containsKey("condition")) {
                throw source.fail(node, "the correlation has no 'condition'");
            }
            Map<String, Node> condition = source.mapping(c.get("condition"), "the correlation condition");
            Map<String, Node> conditionKeys = source.keys(c.get("condition"));
            Long bound = null;
            for (Map.Entry<String, Node> e : condition.entrySet()) {
                switch (e.getKey()) {
                    case "gte", "gt" -> {
                        if (bound != null) {
                            throw source.fail(conditionKeys.get(e.getKey()), "give one threshold, 'gte' or 'gt'");
                        }
                        long n = count(source, e.getValue());
                        bound = e.getKey().equals("gt") ? n + 1 : n;
                    }
                    case "field" -> {
                        if (type != SigmaRule.Type.VALUE_COUNT) {
                            throw source.fail(conditionKeys.get("field"), "only a value_count correlation counts a field");
                        }
                        field = source.text(e.getValue(), "field");
                        if (!knownField.test(field)) {
                            throw source.fail(e.getValue(), "unknown field '" + YamlSource.printable(field) + "'");
                        }
                    }
                    case "lt", "lte", "eq", "neq" -> throw source.fail(conditionKeys.get(e.getKey()), "'" + e.getKey()
                            + "' is outside the supported subset: only 'gte' and 'gt' (an alert on too few events needs a timer)");
                    default -> throw source.fail(conditionKeys.get(e.getKey()), "'" + YamlSource.printable(e.getKey())
                            + "' is not a correlation condition");
                }
            }
            if (bound == null) {
                throw source.fail(c.get("condition"), "the condition needs a threshold ('gte: N' or 'gt: N')");
            }
            if (bound < 1) {
                throw source.fail(c.get("condition"), "a threshold below 1 would fire without any event");
            }
            if (type == SigmaRule.Type.VALUE_COUNT) {
                if (field == null) {
                    throw source.fail(c.get("condition"), "a value_count condition names the 'field' whose values it counts");
                }
                if (bound > MAX_DISTINCT) {
                    throw source.fail(c.get("condition"), "a value_count threshold above " + MAX_DISTINCT
                            + " is refused (each key keeps that many values in memory)");
                }
            } else if (bound > MAX_COUNT) {
                throw source.fail(c.get("condition"), "an event_count threshold above " + MAX_COUNT + " is refused");
            }
            threshold = bound;
        }
        boolean generate = false;
        if (c.containsKey("generate")) {
            if (!(c.get("generate") instanceof ScalarNode g) || !g.getTag().equals(Tag.BOOL)) {
                throw source.fail(c.get("generate"), "generate must be true or false");
            }
            generate = Boolean.parseBoolean(g.getValue().toLowerCase(Locale.ROOT));
        }
        return new SigmaRule.Correlation(info, type, List.copyOf(rules), List.copyOf(groupBy), timespan, threshold, field, generate);
    }

    private static Duration timespan(YamlSource source, Node node) {
        String text = node instanceof ScalarNode s ? s.getValue() : "";
        Matcher m = TIMESPAN.matcher(text);
        if (!m.matches()) {
            throw source.fail(node, "timespan must be a number and a unit: s, m, h or d (e.g. 15m)");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(MAX_TIMESPAN) > 0) {
            throw source.fail(node, "timespan must be between 1s and 7d");
        }
        return d;
    }

    private static long count(YamlSource source, Node node) {
        if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.INT) || !s.getValue().matches("\\d{1,9}")) {
            throw source.fail(node, "a threshold is a whole number");
        }
        return Long.parseLong(s.getValue());
    }
}
