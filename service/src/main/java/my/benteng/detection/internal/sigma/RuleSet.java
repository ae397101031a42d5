package my.benteng.detection.internal.sigma;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All rules, linked: correlation references resolved (by id or name), chains checked, and an evaluation order fixed.
 * {@link #evaluate} runs every enabled detection rule over an event and feeds the matches to the correlations that
 * refer to them, in order, so that a correlation may refer to another one (Sigma's chaining). Thread-safe: the rules
 * are immutable and the correlation state is the state's business.
 *
 * <p>A detection rule referred to by a correlation raises no match of its own unless a correlation referring to it says
 * {@code generate: true} (Sigma's default); correlation rules always raise theirs.
 */
public final class RuleSet {

    private final List<Compiled> detections;
    /** Detection rules that can match any action, and the others by the lower-case actions they can match. */
    private final List<Compiled> anyAction;
    private final Map<String, List<Compiled>> byAction;
    private final List<Compiled> correlations;
    private final List<SigmaRule> rules;
    private final Map<String, SigmaRule> byIdOrName;
    private final CorrelationState state;

    private RuleSet(List<SigmaRule> rules, Map<String, SigmaRule> byIdOrName, List<Compiled> detections,
                    List<Compiled> correlations, CorrelationState state) {
        this.rules = List.copyOf(rules);
        this.byIdOrName = Map.copyOf(byIdOrName);
        this.detections = List.copyOf(detections);
        this.correlations = List.copyOf(correlations);
        List<Compiled> any = new ArrayList<>();
        Map<String, List<Compiled>> index = new HashMap<>();
        for (Compiled d : detections) {
            Set<String> actions = ((SigmaRule.Detection) d.rule).actions();
            if (actions == null) {
                any.add(d);
            } else {
                actions.forEach(a -> index.computeIfAbsent(a, k -> new ArrayList<>()).add(d));
            }
        }
        this.anyAction = List.copyOf(any);
        Map<String, List<Compiled>> frozen = new HashMap<>();
        index.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.byAction = frozen;
        this.state = state;
    }

    /** Links rules read by {@link SigmaParser}; a dangling reference, a cycle or a duplicate id is refused with its line. */
    public static RuleSet link(List<SigmaRule> rules, CorrelationState state) {
        Map<String, SigmaRule> index = new HashMap<>();
        for (SigmaRule rule : rules) {
            RuleInfo info = rule.info();
            for (String handle : info.name().equals(info.id()) ? List.of(info.id()) : List.of(info.id(), info.name())) {
                SigmaRule earlier = index.putIfAbsent(handle, rule);
                if (earlier != null) {
                    throw new RuleLoadException(info.file(), info.line(), "'" + handle + "' is already the id or name of the rule at "
                            + earlier.info().file() + ":" + earlier.info().line());
                }
            }
        }
        Map<SigmaRule, Compiled> compiled = new IdentityHashMap<>();
        for (SigmaRule rule : rules) {
            compiled.put(rule, new Compiled(rule));
        }
        for (SigmaRule rule : rules) {
            if (!(rule instanceof SigmaRule.Correlation c)) {
                continue;
            }
            for (SigmaRule.Reference ref : c.rules()) {
                SigmaRule target = index.get(ref.rule());
                RuleInfo info = c.info();
                if (target == null) {
                    throw new RuleLoadException(info.file(), ref.line(), "the correlation refers to '" + YamlSource.printable(ref.rule())
                            + "', which is no rule's id or name");
                }
                if (info.enabled() && !target.info().enabled()) {
                    throw new RuleLoadException(info.file(), ref.line(), "the correlation refers to '" + ref.rule() + "', which is "
                            + target.info().status() + " and never runs");
                }
                if (target instanceof SigmaRule.Correlation source) {
                    // a chained correlation sees only its source's group-by values
                    if (!source.groupBy().containsAll(c.groupBy())) {
                        throw new RuleLoadException(info.file(), ref.line(), "group-by " + c.groupBy() + " must be among the group-by "
                                + source.groupBy() + " of the correlation '" + ref.rule() + "' it refers to");
                    }
                    if (c.field() != null && !source.groupBy().contains(c.field())) {
                        throw new RuleLoadException(info.file(), ref.line(), "field '" + c.field() + "' must be among the group-by "
                                + source.groupBy() + " of the correlation '" + ref.rule() + "' it refers to");
                    }
                }
                Compiled from = compiled.get(target);
                Compiled to = compiled.get(c);
                from.dependents.add(to);
                to.sources.add(new Source(from, target.info().id()));
                if (target instanceof SigmaRule.Detection && c.info().enabled()) {
                    from.referenced = true;
                    from.generateAnyway |= c.generate();
                }
            }
        }
        List<Compiled> order = topological(rules, compiled);
        List<Compiled> detections = new ArrayList<>();
        List<Compiled> correlations = new ArrayList<>();
        for (Compiled c : order) {
            if (!c.rule.info().enabled()) {
                continue;
            }
            c.dependents.removeIf(to -> !to.rule.info().enabled());
            (c.rule instanceof SigmaRule.Detection ? detections : correlations).add(c);
        }
        return new RuleSet(rules, index, detections, correlations, state);
    }

    /** Correlations after everything they refer to; a cycle is refused. */
    private static List<Compiled> topological(List<SigmaRule> rules, Map<SigmaRule, Compiled> compiled) {
        Map<Compiled, List<Compiled>> sources = new IdentityHashMap<>();
        for (Compiled c : compiled.values()) {
            for (Compiled to : c.dependents) {
                sources.computeIfAbsent(to, k -> new ArrayList<>()).add(c);
            }
        }
        List<Compiled> order = new ArrayList<>();
        Set<Compiled> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Compiled> visiting = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (SigmaRule rule : rules) {
            visit(compiled.get(rule), sources, done, visiting, order);
        }
        return order;
    }

    private static void visit(Compiled c, Map<Compiled, List<Compiled>> sources, Set<Compiled> done, Set<Compiled> visiting,
                              List<Compiled> order) {
        if (done.contains(c)) {
            return;
        }
        if (!visiting.add(c)) {
            RuleInfo info = c.rule.info();
            throw new RuleLoadException(info.file(), info.line(), "the correlation '" + info.name() + "' refers to itself through a chain");
        }
        for (Compiled s : sources.getOrDefault(c, List.of())) {
            visit(s, sources, done, visiting, order);
        }
        visiting.remove(c);
        done.add(c);
        order.add(c);
    }

    /** Every match this event completes, detection rules first, then correlations in chain order. */
    public List<Match> evaluate(Event event) {
        List<Match> out = null;
        Map<Compiled, Fired> fired = null;
        long[] own = event.seq() > 0 ? new long[]{event.seq()} : CorrelationState.Outcome.NONE;
        String action = event.field("event.action");
        // most rules name the action they are about: only those for this action (and the few that do not) run
        List<Compiled> indexed = action == null ? List.of() : byAction.getOrDefault(action.toLowerCase(Locale.ROOT), List.of());
        for (List<Compiled> candidates : List.of(anyAction, indexed)) {
            for (Compiled d : candidates) {
                SigmaRule.Detection rule = (SigmaRule.Detection) d.rule;
                if (!rule.matches().test(event)) {
                    continue;
                }
                if (!d.referenced || d.generateAnyway) {
                    out = add(out, match(d, Map.of(), own, event));
                }
                if (!d.dependents.isEmpty()) {
                    fired = fired == null ? new IdentityHashMap<>() : fired;
                    fired.put(d, new Fired(event, own));
                }
            }
        }
        if (fired == null) {
            return out == null ? List.of() : out;
        }
        for (Compiled c : correlations) {
            for (Source source : c.sources) {
                Fired input = fired.get(source.from);
                if (input == null) {
                    continue;
                }
                Fired result = observe(c, source.id, input);
                if (result != null) {
                    fired.put(c, result);
                    out = add(out, match(c, groupBy((SigmaRule.Correlation) c.rule, result.event), result.evidence, result.event));
                }
            }
        }
        return out == null ? List.of() : out;
    }

    private Fired observe(Compiled c, String sourceId, Fired input) {
        SigmaRule.Correlation rule = (SigmaRule.Correlation) c.rule;
        List<String> values = new ArrayList<>(rule.groupBy().size());
        for (String field : rule.groupBy()) {
            String v = input.event.field(field);
            if (v == null || v.isEmpty()) {
                return null; // an event without the group-by value cannot be attributed to a key
            }
            values.add(v);
        }
        String member = switch (rule.type()) {
            case EVENT_COUNT -> null;
            case VALUE_COUNT -> input.event.field(rule.field());
            case TEMPORAL -> sourceId;
        };
        if (rule.type() == SigmaRule.Type.VALUE_COUNT && (member == null || member.isEmpty())) {
            return null;
        }
        CorrelationState.Outcome outcome = state.observe(new CorrelationState.Key(rule.info().id(), values), member,
                input.event.time().toEpochMilli(), rule.timespan(), rule.threshold(), input.evidence);
        if (!outcome.fired()) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i++) {
            fields.put(rule.groupBy().get(i), values.get(i));
        }
        return new Fired(new Event(input.event.seq(), input.event.time(), fields), outcome.evidence());
    }

    private static Map<String, String> groupBy(SigmaRule.Correlation rule, Event synthetic) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String field : rule.groupBy()) {
            out.put(field, synthetic.field(field));
        }
        return out;
    }

    private static Match match(Compiled c, Map<String, String> groupBy, long[] evidence, Event event) {
        RuleInfo info = c.rule.info();
        return new Match(info.id(), info.title(), info.level(), info.attack(), groupBy, Arrays.stream(evidence).boxed().toList(),
                event.time());
    }

    private static List<Match> add(List<Match> out, Match m) {
        List<Match> list = out == null ? new ArrayList<>(2) : out;
        list.add(m);
        return list;
    }

    public List<SigmaRule> rules() {
        return rules;
    }

    /** The rule with this id or name. */
    public Optional<SigmaRule> rule(String idOrName) {
        return Optional.ofNullable(byIdOrName.get(idOrName));
    }

    /** Rules that run (not deprecated or unsupported). */
    public long enabledCount() {
        return detections.size() + correlations.size();
    }

    public CorrelationState state() {
        return state;
    }

    private static final class Compiled {
        final SigmaRule rule;
        final List<Compiled> dependents = new ArrayList<>(1);
        final List<Source> sources = new ArrayList<>(1);
        boolean referenced;
        boolean generateAnyway;

        Compiled(SigmaRule rule) {
            this.rule = rule;
        }
    }

    /** A rule a correlation refers to, and that rule's id (the member a temporal correlation counts). */
    private record Source(Compiled from, String id) {
    }

    private record Fired(Event event, long[] evidence) {
    }
}
