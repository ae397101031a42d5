package my.benteng.detection.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditOutcome;
import my.benteng.audit.AuditVerification;
import my.benteng.detection.internal.sigma.Event;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import my.benteng.detection.internal.sigma.Match;
import my.benteng.detection.internal.sigma.RuleSet;
import my.benteng.detection.internal.sigma.SigmaRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every shipped rule that raises alerts fires on its positive fixture and stays silent on its negative one. Fixtures
 * are audit entries as the service writes them (through the real mapper), with times: see
 * {@code src/test/resources/detection/fixtures/<rule name>/{positive,negative}.yml}. All shipped rules run together
 * over each fixture, so a fixture also shows the other rules do not get in the way.
 */
class ShippedRulesFixtureTest {

    private static final Instant START = Instant.parse("2026-12-01T01:00:00Z");
    private static final Pattern SPAN = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    static Stream<Arguments> fixtures() {
        List<Arguments> out = new ArrayList<>();
        for (String rule : alertingRuleNames()) {
            out.add(Arguments.of(rule, "positive"));
            out.add(Arguments.of(rule, "negative"));
        }
        return out.stream();
    }

    /** Correlations, detection rules no correlation swallows, and unsupported rules (checked on their own). */
    static Set<String> alertingRuleNames() {
        List<SigmaRule> rules = RuleFiles.read(RuleFiles.LOCATION);
        Set<String> swallowed = new TreeSet<>();
        for (SigmaRule rule : rules) {
            if (rule instanceof SigmaRule.Correlation c && !c.generate()) {
                c.rules().forEach(r -> swallowed.add(r.rule()));
            }
        }
        Set<String> names = new TreeSet<>();
        for (SigmaRule rule : rules) {
            if (rule instanceof SigmaRule.Correlation || !swallowed.contains(rule.info().name()) && !swallowed.contains(rule.info().id())) {
                names.add(rule.info().name());
            }
        }
        return names;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void firesOnItsPositiveFixtureAndStaysSilentOnItsNegative(String ruleName, String kind) {
        RuleSet rules = RuleFiles.load(RuleFiles.LOCATION, new InMemoryCorrelationState(100_000, new byte[]{9, 8, 7, 6, 5, 4, 3, 2}));
        SigmaRule rule = rules.rule(ruleName).orElseThrow();
        List<Event> events = events("detection/fixtures/" + ruleName + "/" + kind + ".yml");
        assertThat(events).as("fixture events").isNotEmpty();
        boolean fired;
        if (!rule.info().enabled()) {
            // an unsupported rule does not run: its detection is checked on its own
            fired = events.stream().anyMatch(((SigmaRule.Detection) rule)::matchesEvent);
        } else {
            List<Match> matches = new ArrayList<>();
            events.forEach(e -> matches.addAll(rules.evaluate(e)));
            fired = matches.stream().anyMatch(m -> m.ruleId().equals(rule.info().id()));
            if (fired) {
                Match m = matches.stream().filter(x -> x.ruleId().equals(rule.info().id())).findFirst().orElseThrow();
                assertThat(m.level()).isEqualTo(rule.info().level());
                assertThat(m.attack()).isEqualTo(rule.info().attack()).isNotEmpty();
            }
        }
        assertThat(fired).as(ruleName + " on its " + kind + " fixture").isEqualTo(kind.equals("positive"));
    }

    @Test
    void theShippedRulesLoadAndEveryFixtureNamesARule() throws IOException {
        RuleSet rules = RuleFiles.load(RuleFiles.LOCATION, new InMemoryCorrelationState(1024, new byte[]{1}));
        assertThat(rules.rules()).hasSizeGreaterThanOrEqualTo(20);
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        Set<String> dirs = new TreeSet<>();
        for (var r : resolver.getResources("classpath*:detection/fixtures/*/positive.yml")) {
            String path = r.getURL().getPath();
            String dir = path.substring(0, path.lastIndexOf('/'));
            dirs.add(dir.substring(dir.lastIndexOf('/') + 1));
        }
        assertThat(dirs).isEqualTo(alertingRuleNames());
    }

    /** Fixture entries: {@code audit} or {@code verification}, optional {@code at} (offset), {@code repeat}, {@code every}. */
    @SuppressWarnings("unchecked")
    static List<Event> events(String resource) {
        List<Map<String, Object>> entries;
        try (InputStream in = ShippedRulesFixtureTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            entries = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        List<Event> events = new ArrayList<>();
        Instant time = START;
        long seq = 1000;
        boolean first = true;
        for (Map<String, Object> entry : entries) {
            if (entry.containsKey("at")) {
                time = START.plus(span(entry.get("at")));
            } else if (!first) {
                time = time.plusSeconds(1);
            }
            first = false;
            int repeat = entry.containsKey("repeat") ? (Integer) entry.get("repeat") : 1;
            Duration every = entry.containsKey("every") ? span(entry.get("every")) : Duration.ofSeconds(1);
            for (int i = 0; i < repeat; i++) {
                Instant at = time.plus(every.multipliedBy(i));
                if (entry.containsKey("verification")) {
                    Map<String, Object> v = (Map<String, Object>) entry.get("verification");
                    boolean intact = (Boolean) v.get("intact");
                    Object broken = v.get("firstBrokenSeq");
                    events.add(AuditEventMapper.map(new AuditVerification(intact, ((Number) v.getOrDefault("entriesChecked", 0)).longValue(),
                            broken == null ? null : ((Number) broken).longValue(), (String) v.get("problem"), 0, null), at));
                } else {
                    events.add(AuditEventMapper.map(++seq, at, audit((Map<String, Object>) entry.get("audit"), i)));
                }
            }
            time = time.plus(every.multipliedBy(repeat - 1));
        }
        return events;
    }

    @SuppressWarnings("unchecked")
    private static AuditEvent audit(Map<String, Object> a, int index) {
        AuditEvent.Builder b = AuditEvent.named(text(a, "name", index)).outcome(AuditOutcome.valueOf(text(a, "outcome", index)))
                .actor(text(a, "actor", index)).subject(text(a, "subject", index)).clientIp(text(a, "clientIp", index))
                .reason(text(a, "reason", index));
        if (a.containsKey("attack")) {
            b.attack(((List<String>) a.get("attack")).toArray(String[]::new));
        }
        if (a.containsKey("details")) {
            ((Map<String, Object>) a.get("details")).forEach((k, v) -> b.detail(k, String.valueOf(v).replace("{i}", Integer.toString(index))));
        }
        return b.build();
    }

    private static String text(Map<String, Object> a, String key, int index) {
        Object v = a.get(key);
        return v == null ? null : String.valueOf(v).replace("{i}", Integer.toString(index));
    }

    private static Duration span(Object text) {
        Matcher m = SPAN.matcher(String.valueOf(text));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a span: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
