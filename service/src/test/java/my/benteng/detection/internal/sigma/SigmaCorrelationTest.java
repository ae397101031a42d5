package my.benteng.detection.internal.sigma;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static my.benteng.detection.internal.sigma.Rules.T0;
import static my.benteng.detection.internal.sigma.Rules.event;
import static my.benteng.detection.internal.sigma.Rules.ruleIds;
import static org.assertj.core.api.Assertions.assertThat;

/** Correlation rules over the in-memory state: counting, distinct values, temporal, chains, generate. */
class SigmaCorrelationTest {

    private static final String FAIL = """
            title: login failed
            id: fail
            level: low
            logsource: {product: benteng}
            detection:
                sel: {event.action: authn_login_fail}
                condition: sel
            ---
            title: login succeeded
            id: ok
            level: low
            logsource: {product: benteng}
            detection:
                sel: {event.action: authn_login_success}
                condition: sel
            """;

    private static String correlation(String id, String body) {
        return "---\ntitle: " + id + "\nid: " + id + "\nlevel: high\ntags: [attack.t1110.001]\ncorrelation:\n" + body.indent(4);
    }

    private static List<Match> feed(RuleSet set, List<Event> events) {
        List<Match> out = new ArrayList<>();
        events.forEach(e -> out.addAll(set.evaluate(e)));
        return out;
    }

    private static List<Event> failures(int n, Duration every, String user, String ip, long firstSeq) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event(firstSeq + i, T0.plus(every.multipliedBy(i)), "event.action", "authn_login_fail", "user.id", user, "source.ip", ip));
        }
        return events;
    }

    @Test
    void eventCountFiresAtTheThresholdWithinTheTimespanAndStartsAgain() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("brute", """
                type: event_count
                rules: [fail]
                group-by: [user.id]
                timespan: 10m
                condition: {gte: 5}
                """));
        List<Match> matches = feed(set, failures(12, Duration.ofSeconds(10), "staff:1", "198.51.100.1", 100));
        assertThat(ruleIds(matches)).containsExactly("brute", "brute");
        Match first = matches.getFirst();
        assertThat(first.groupBy()).containsEntry("user.id", "staff:1");
        assertThat(first.auditSeqs()).containsExactly(100L, 101L, 102L, 103L, 104L);
        assertThat(first.attack()).containsExactly("T1110.001");
        assertThat(first.time()).isEqualTo(T0.plusSeconds(40));
        assertThat(matches.get(1).auditSeqs()).containsExactly(105L, 106L, 107L, 108L, 109L);
    }

    @Test
    void eventCountStaysSilentWhenTheEventsAreSpreadBeyondTheTimespan() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("brute", """
                type: event_count
                rules: [fail]
                group-by: [user.id]
                timespan: 10m
                condition: {gte: 5}
                """));
        assertThat(feed(set, failures(20, Duration.ofMinutes(3), "staff:1", "198.51.100.1", 1))).isEmpty();
    }

    @Test
    void groupByKeysCountSeparatelyAndAnEventWithoutTheFieldIsNotCounted() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("brute", """
                type: event_count
                rules: [fail]
                group-by: [user.id]
                timespan: 10m
                condition: {gte: 3}
                """));
        List<Event> events = new ArrayList<>();
        events.addAll(failures(2, Duration.ofSeconds(1), "staff:1", "198.51.100.1", 1));
        events.addAll(failures(2, Duration.ofSeconds(1), "staff:2", "198.51.100.1", 10));
        events.add(event(20, T0.plusSeconds(5), "event.action", "authn_login_fail"));
        assertThat(feed(set, events)).isEmpty();
        assertThat(set.evaluate(event(21, T0.plusSeconds(6), "event.action", "authn_login_fail", "user.id", "staff:2")))
                .singleElement().satisfies(m -> assertThat(m.groupBy()).containsEntry("user.id", "staff:2"));
    }

    @Test
    void gtNeedsOneMoreThanGte() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("brute", """
                type: event_count
                rules: [fail]
                timespan: 10m
                condition: {gt: 3}
                """));
        assertThat(feed(set, failures(3, Duration.ofSeconds(1), "u", "198.51.100.1", 1))).isEmpty();
        assertThat(ruleIds(feed(set, failures(1, Duration.ofSeconds(1), "u", "198.51.100.1", 4)))).containsExactly("brute");
    }

    @Test
    void valueCountCountsDistinctValuesOnly() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("spray", """
                type: value_count
                rules: [fail]
                group-by: [source.ip]
                timespan: 15m
                condition: {gte: 4, field: user.id}
                """));
        List<Event> sameUser = failures(10, Duration.ofSeconds(5), "staff:1", "203.0.113.9", 1);
        assertThat(feed(set, sameUser)).isEmpty();
        List<Event> spray = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            spray.add(event(100 + i, T0.plusSeconds(60 + i), "event.action", "authn_login_fail", "user.id", "staff:" + (i + 2),
                    "source.ip", "203.0.113.9"));
        }
        assertThat(feed(set, spray)).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("spray");
            assertThat(m.groupBy()).containsEntry("source.ip", "203.0.113.9");
        });
    }

    @Test
    void temporalNeedsEveryRuleWithinTheTimespanInAnyOrder() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("fail_then_ok", """
                type: temporal
                rules: [fail, ok]
                group-by: [user.id]
                timespan: 5m
                """));
        assertThat(set.evaluate(event(1, T0, "event.action", "authn_login_success", "user.id", "u1"))).isEmpty();
        assertThat(ruleIds(set.evaluate(event(2, T0.plusSeconds(30), "event.action", "authn_login_fail", "user.id", "u1"))))
                .containsExactly("fail_then_ok");
        assertThat(set.evaluate(event(3, T0, "event.action", "authn_login_fail", "user.id", "u2"))).isEmpty();
        assertThat(set.evaluate(event(4, T0.plus(Duration.ofMinutes(20)), "event.action", "authn_login_success", "user.id", "u2"))).isEmpty();
    }

    @Test
    void correlationsChainAndDetectionRulesTheyReferToStaySilentUnlessGenerated() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("brute", """
                type: event_count
                rules: [fail]
                group-by: [user.id]
                timespan: 10m
                condition: {gte: 3}
                """) + correlation("success_after_brute", """
                type: temporal
                rules: [brute, ok]
                group-by: [user.id]
                timespan: 30m
                """));
        List<Match> matches = feed(set, failures(3, Duration.ofSeconds(1), "staff:7", "198.51.100.1", 1));
        assertThat(ruleIds(matches)).containsExactly("brute");
        List<Match> after = set.evaluate(event(9, T0.plusSeconds(60), "event.action", "authn_login_success", "user.id", "staff:7"));
        assertThat(ruleIds(after)).containsExactly("success_after_brute");
        assertThat(after.getFirst().auditSeqs()).containsExactly(1L, 2L, 3L, 9L);
        // the same success for a user nobody attacked: the 'ok' detection rule raises nothing of its own
        assertThat(set.evaluate(event(10, T0.plusSeconds(61), "event.action", "authn_login_success", "user.id", "staff:8"))).isEmpty();
    }

    @Test
    void generateTrueLetsTheReferencedRulesMatchToo() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("brute", """
                type: event_count
                rules: [fail]
                timespan: 10m
                condition: {gte: 3}
                generate: true
                """));
        assertThat(ruleIds(set.evaluate(event(1, T0, "event.action", "authn_login_fail")))).containsExactly("fail");
    }

    @Test
    void anEventOlderThanTheWindowDoesNotCount() {
        RuleSet set = Rules.ruleSet(FAIL + correlation("brute", """
                type: event_count
                rules: [fail]
                timespan: 10m
                condition: {gte: 2}
                """));
        Instant late = T0.plus(Duration.ofHours(1));
        assertThat(set.evaluate(event(1, late, "event.action", "authn_login_fail"))).isEmpty();
        assertThat(set.evaluate(event(2, T0, "event.action", "authn_login_fail"))).isEmpty();
        assertThat(ruleIds(set.evaluate(event(3, late, "event.action", "authn_login_fail")))).containsExactly("brute");
    }
}
