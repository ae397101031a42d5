package my.benteng.detection.internal.sigma;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A rule's {@code condition}: selection names joined by {@code and}, {@code or}, {@code not} and parentheses, and
 * {@code 1 of} / {@code all of} over a name pattern ({@code sel*}) or {@code them}. Precedence as in Sigma: {@code not}
 * binds tightest, then {@code and}, then {@code or}. Aggregations ({@code | count()}) and {@code near} belong to the
 * old Sigma and are refused: thresholds are correlation rules.
 */
final class ConditionParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_*]+");
    static final Set<String> KEYWORDS = Set.of("and", "or", "not", "of", "all", "them", "1");

    private final YamlSource source;
    private final Node node;
    private final Map<String, Test> selections;
    private final List<String> tokens;
    private final Set<String> used = new LinkedHashSet<>();
    private int position;

    private ConditionParser(YamlSource source, Node node, Map<String, Test> selections, List<String> tokens) {
        this.source = source;
        this.node = node;
        this.selections = selections;
        this.tokens = tokens;
    }

    /**
     * @param selections the rule's named selections, in file order
     * @param used       receives the names the condition refers to
     */
    static Test compile(YamlSource source, Node node, String condition, Map<String, Test> selections, Set<String> used) {
        ConditionParser parser = new ConditionParser(source, node, selections, tokenize(source, node, condition));
        if (parser.tokens.isEmpty()) {
            throw source.fail(node, "the condition is empty");
        }
        Test result = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw parser.unexpected();
        }
        used.addAll(parser.used);
        return result;
    }

    private static List<String> tokenize(YamlSource source, Node node, String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else if (c == '|') {
                throw source.fail(node, "aggregations in the condition ('| count() ...') are outside the supported subset: "
                        + "write a correlation rule");
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '*') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '*')) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                throw source.fail(node, "unexpected character '" + YamlSource.printable(String.valueOf(c)) + "' in the condition");
            }
        }
        return out;
    }

    private Test or() {
        List<Test> terms = new ArrayList<>();
        terms.add(and());
        while (accept("or")) {
            terms.add(and());
        }
        return Test.anyOf(terms);
    }

    private Test and() {
        List<Test> terms = new ArrayList<>();
        terms.add(not());
        while (accept("and")) {
            terms.add(not());
        }
        return Test.allOf(terms);
    }

    private Test not() {
        if (accept("not")) {
            return not().negate();
        }
        return primary();
    }

    private Test primary() {
        if (position >= tokens.size()) {
            throw source.fail(node, "the condition ends too early");
        }
        String token = tokens.get(position);
        if (token.equals("(")) {
            position++;
            Test inner = or();
            if (!accept(")")) {
                throw source.fail(node, "a '(' in the condition is not closed");
            }
            return inner;
        }
        if (token.equals("1") || token.equals("all")) {
            position++;
            if (!accept("of")) {
                throw unexpected();
            }
            List<Test> members = quantified();
            return token.equals("1") ? Test.anyOf(members) : Test.allOf(members);
        }
        if (token.equals("near")) {
            throw source.fail(node, "'near' is outside the supported subset: write a temporal correlation rule");
        }
        if (token.matches("\\d+") && position + 1 < tokens.size() && tokens.get(position + 1).equals("of")) {
            throw source.fail(node, "'" + token + " of' is outside the supported subset: only '1 of' and 'all of'");
        }
        if (KEYWORDS.contains(token) || token.equals(")") || !NAME.matcher(token).matches()) {
            throw unexpected();
        }
        position++;
        Test selection = selections.get(token);
        if (selection == null) {
            throw source.fail(node, "the condition names '" + YamlSource.printable(token) + "', which is not a selection of this rule");
        }
        used.add(token);
        return selection;
    }

    /** The selections a quantifier covers: {@code them} (all but names starting with '_', as in Sigma) or a pattern. */
    private List<Test> quantified() {
        if (position >= tokens.size()) {
            throw source.fail(node, "the condition ends too early");
        }
        String target = tokens.get(position++);
        List<Test> members = new ArrayList<>();
        if (target.equals("them")) {
            selections.forEach((name, p) -> {
                if (!name.startsWith("_")) {
                    used.add(name);
                    members.add(p);
                }
            });
        } else if (PATTERN.matcher(target).matches() && !KEYWORDS.contains(target)) {
            Pattern glob = Pattern.compile(Pattern.quote(target).replace("*", "\\E.*\\Q"));
            selections.forEach((name, p) -> {
                if (glob.matcher(name).matches()) {
                    used.add(name);
                    members.add(p);
                }
            });
        } else {
            position--;
            throw unexpected();
        }
        if (members.isEmpty()) {
            throw source.fail(node, "'" + YamlSource.printable(target) + "' in the condition matches no selection");
        }
        return members;
    }

    private boolean accept(String token) {
        if (position < tokens.size() && tokens.get(position).equals(token)) {
            position++;
            return true;
        }
        return false;
    }

    private RuleLoadException unexpected() {
        return position >= tokens.size() ? source.fail(node, "the condition ends too early")
                : source.fail(node, "unexpected '" + YamlSource.printable(tokens.get(position)) + "' in the condition");
    }

    private static Predicate<Event> any(List<Predicate<Event>> terms) {
        @SuppressWarnings("unchecked") Predicate<Event>[] array = terms.toArray(new Predicate[0]);
        return e -> {
            for (Predicate<Event> t : array) {
                if (t.test(e)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Predicate<Event> every(List<Predicate<Event>> terms) {
        @SuppressWarnings("unchecked") Predicate<Event>[] array = terms.toArray(new Predicate[0]);
        return e -> {
            for (Predicate<Event> t : array) {
                if (!t.test(e)) {
                    return false;
                }
            }
            return true;
        };
    }

    static Predicate<Event> anyOf(List<Predicate<Event>> terms) {
        return terms.size() == 1 ? terms.getFirst() : any(terms);
    }

    static Predicate<Event> allOf(List<Predicate<Event>> terms) {
        return terms.size() == 1 ? terms.getFirst() : every(terms);
    }
}
