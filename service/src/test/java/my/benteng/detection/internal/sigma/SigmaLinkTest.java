package my.benteng.detection.internal.sigma;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Linking rules: references, chains, duplicates and disabled rules. */
class SigmaLinkTest {

    private static final String BASE = """
            title: base
            id: b1
            name: base
            level: low
            logsource: {product: benteng}
            detection:
                sel: {event.action: a}
                condition: sel
            """;

    @Test
    void aReferenceToAMissingRuleIsRefusedAtItsLine() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> Rules.ruleSet(BASE + """
                ---
                title: c
                id: c1
                level: high
                correlation:
                    type: event_count
                    rules:
                        - base
                        - nowhere
                    timespan: 5m
                    condition: {gte: 2}
                """));
        assertThat(e.line()).isEqualTo(17);
        assertThat(e.getMessage()).contains("'nowhere'");
    }

    @Test
    void aDuplicateIdIsRefused() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> Rules.ruleSet(BASE + "---\n" + BASE.replace("b1", "b2")));
        assertThat(e.getMessage()).contains("'base' is already the id or name of the rule at test.yml:1");
    }

    @Test
    void aCycleOfCorrelationsIsRefused() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> Rules.ruleSet(BASE + """
                ---
                title: x
                id: x1
                level: high
                correlation: {type: event_count, rules: [base, y1], timespan: 5m, condition: {gte: 2}}
                ---
                title: y
                id: y1
                level: high
                correlation: {type: event_count, rules: [x1], timespan: 5m, condition: {gte: 2}}
                """));
        assertThat(e.getMessage()).contains("refers to itself");
    }

    @Test
    void aChainedCorrelationMayOnlyGroupByItsSourcesFields() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> Rules.ruleSet(BASE + """
                ---
                title: x
                id: x1
                level: high
                correlation: {type: event_count, rules: [base], group-by: [source.ip], timespan: 5m, condition: {gte: 2}}
                ---
                title: y
                id: y1
                level: high
                correlation: {type: event_count, rules: [x1], group-by: [user.id], timespan: 5m, condition: {gte: 2}}
                """));
        assertThat(e.getMessage()).contains("group-by [user.id] must be among the group-by [source.ip]");
    }

    @Test
    void anEnabledCorrelationCannotReferToAnUnsupportedRule() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> Rules.ruleSet(
                BASE.replace("level: low", "level: low\nstatus: unsupported") + """
                ---
                title: x
                id: x1
                level: high
                correlation: {type: event_count, rules: [base], timespan: 5m, condition: {gte: 2}}
                """));
        assertThat(e.getMessage()).contains("unsupported");
    }

    @Test
    void anUnsupportedRuleIsLoadedButNeverRuns() {
        RuleSet set = Rules.ruleSet(BASE.replace("level: low", "level: low\nstatus: unsupported"));
        assertThat(set.rules()).hasSize(1);
        assertThat(set.enabledCount()).isZero();
        assertThat(set.evaluate(Rules.event("event.action", "a"))).isEmpty();
    }

    @Test
    void aDetectionRuleMatchesWithItsOwnSequenceNumber() {
        RuleSet set = Rules.ruleSet(BASE);
        var matches = set.evaluate(Rules.event(42, Rules.T0, "event.action", "a"));
        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("b1");
            assertThat(m.title()).isEqualTo("base");
            assertThat(m.auditSeqs()).containsExactly(42L);
            assertThat(m.groupBy()).isEmpty();
            assertThat(m.time()).isEqualTo(Rules.T0);
        });
    }
}
