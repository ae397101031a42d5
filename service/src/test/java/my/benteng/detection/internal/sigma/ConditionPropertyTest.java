package my.benteng.detection.internal.sigma;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded property test: random conditions over three selections, rendered as Sigma text, compiled, and compared with a
 * direct evaluation of the same expression tree on every combination of the selections' truth values.
 */
class ConditionPropertyTest {

    private static final String SELECTIONS = """
            sel_a:
                event.action: a
            sel_b:
                event.outcome: b
            sel_c:
                event.action: [c, d]
                event.reason: c
            """;

    private sealed interface Expr permits Sel, Not, And, Or {
    }

    private record Sel(int index) implements Expr {
    }

    private record Not(Expr inner) implements Expr {
    }

    private record And(Expr left, Expr right) implements Expr {
    }

    private record Or(Expr left, Expr right) implements Expr {
    }

    private static Expr random(SplittableRandom random, int depth) {
        int pick = depth == 0 ? 0 : random.nextInt(4);
        return switch (pick) {
            case 0 -> new Sel(random.nextInt(3));
            case 1 -> new Not(random(random, depth - 1));
            case 2 -> new And(random(random, depth - 1), random(random, depth - 1));
            default -> new Or(random(random, depth - 1), random(random, depth - 1));
        };
    }

    /** Fully parenthesised, with random spacing. */
    private static String render(Expr e, SplittableRandom random) {
        String space = random.nextBoolean() ? " " : "  ";
        return switch (e) {
            case Sel s -> "sel_" + "abc".charAt(s.index());
            case Not n -> "not" + space + "(" + render(n.inner(), random) + ")";
            case And a -> "(" + render(a.left(), random) + space + "and" + space + render(a.right(), random) + ")";
            case Or o -> "(" + render(o.left(), random) + space + "or" + space + render(o.right(), random) + ")";
        };
    }

    private static boolean eval(Expr e, boolean[] truth) {
        return switch (e) {
            case Sel s -> truth[s.index()];
            case Not n -> !eval(n.inner(), truth);
            case And a -> eval(a.left(), truth) && eval(a.right(), truth);
            case Or o -> eval(o.left(), truth) || eval(o.right(), truth);
        };
    }

    @Test
    void compiledConditionsAgreeWithTheExpressionTheyWereWrittenFrom() {
        SplittableRandom random = new SplittableRandom(20261205L);
        int compiled = 0;
        for (int round = 0; round < 500; round++) {
            Expr expr = random(random, 4);
            String condition = render(expr, random);
            Predicate<Event> predicate;
            try {
                predicate = Rules.detection(SELECTIONS + "condition: " + condition).matches();
            } catch (RuleLoadException refused) {
                // the sanity check: an expression true when no selection matches would match every event
                assertThat(eval(expr, new boolean[3])).as(condition).isTrue();
                continue;
            }
            compiled++;
            for (int bits = 0; bits < 8; bits++) {
                boolean[] truth = {(bits & 1) != 0, (bits & 2) != 0, (bits & 4) != 0};
                if (truth[0] && truth[2]) {
                    continue; // sel_a and sel_c need different actions: no event makes both true
                }
                Event event = Rules.event("event.action", truth[0] ? "a" : truth[2] ? "c" : "x", "event.outcome", truth[1] ? "b" : "x",
                        "event.reason", truth[2] ? "c" : "x");
                assertThat(predicate.test(event)).as(condition + " on " + bits).isEqualTo(eval(expr, truth));
            }
            // the action index of the rule set never hides a match: any action, any truth of the other fields
            RuleSet set = Rules.ruleSet(Rules.detectionRule("r1", SELECTIONS + "condition: " + condition));
            for (String action : new String[]{"a", "c", "d", "x"}) {
                for (int bits = 0; bits < 4; bits++) {
                    Event event = Rules.event("event.action", action, "event.outcome", (bits & 1) != 0 ? "b" : "x",
                            "event.reason", (bits & 2) != 0 ? "c" : "x");
                    assertThat(!set.evaluate(event).isEmpty()).as(condition + " on " + action + bits).isEqualTo(predicate.test(event));
                }
            }
        }
        assertThat(compiled).isGreaterThan(100);
    }
}
