package my.benteng.detection.internal.sigma;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A compiled part of a detection, with what it says about {@code event.action}: the lower-case actions it can match,
 * or null when it can match any. A superset is always safe: the set only lets {@link RuleSet} skip rules that cannot
 * match an event, so it is derived conservatively (a negation can match any action).
 */
record Test(Predicate<Event> predicate, Set<String> actions) {

    Test {
        actions = actions == null ? null : Set.copyOf(actions);
    }

    static Test anyOf(List<Test> terms) {
        if (terms.size() == 1) {
            return terms.getFirst();
        }
        Set<String> union = new HashSet<>();
        for (Test t : terms) {
            if (t.actions == null) {
                union = null;
                break;
            }
            union.addAll(t.actions);
        }
        return new Test(ConditionParser.anyOf(terms.stream().map(Test::predicate).toList()), union);
    }

    static Test allOf(List<Test> terms) {
        if (terms.size() == 1) {
            return terms.getFirst();
        }
        Set<String> intersection = null;
        for (Test t : terms) {
            if (t.actions != null) {
                if (intersection == null) {
                    intersection = new HashSet<>(t.actions);
                } else {
                    intersection.retainAll(t.actions);
                }
            }
        }
        return new Test(ConditionParser.allOf(terms.stream().map(Test::predicate).toList()), intersection);
    }

    Test negate() {
        return new Test(predicate.negate(), null);
    }
}
