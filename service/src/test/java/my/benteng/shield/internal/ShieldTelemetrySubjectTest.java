package my.benteng.shield.internal;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import my.benteng.audit.AuditEvent;
import my.benteng.detection.internal.AuditEventMapper;
import my.benteng.detection.internal.RuleFiles;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import my.benteng.detection.internal.sigma.Match;
import my.benteng.detection.internal.sigma.RuleSet;
import my.benteng.shield.DenyKind;
import my.benteng.shield.Verdict;
import my.benteng.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shield's refusals carry a keyed hash of the destination for detection's group-by: two numbers that share a mask
 * are two subjects (and two bombing fingerprints), and the number itself is nowhere in the entry or the match.
 */
class ShieldTelemetrySubjectTest {

    private static final String BOMBING = "8e727ca9-2bd3-43fa-93fe-b43516a55c8f";
    // one mask, +6012*****89, two people
    private static final String ONE = "+60123456789";
    private static final String OTHER = "+60129876589";

    private final List<AuditEvent> written = new ArrayList<>();
    private final MovableClock clock = new MovableClock(ShieldFixtures.DAYTIME);

    private ShieldTelemetry telemetry() {
        return new ShieldTelemetry(event -> {
            written.add(event);
            return written.size();
        }, new SimpleMeterRegistry(), clock, 0, Integer.MAX_VALUE, new DestinationHasher("d".repeat(32).getBytes()));
    }

    private static Verdict capped() {
        return new Verdict.Deny("shield.destination.hourly_cap", Duration.ofMinutes(30), DenyKind.RATE_LIMITED);
    }

    @Test
    void twoNumbersWithOneMaskAreTwoSubjectsAndNeitherNumberIsWritten() {
        ShieldTelemetry telemetry = telemetry();
        telemetry.verdict(ShieldFixtures.attempt(ShieldFixtures.phone(ONE), "198.51.100.1"), capped());
        telemetry.verdict(ShieldFixtures.attempt(ShieldFixtures.phone(OTHER), "198.51.100.2"), capped());
        telemetry.verdict(ShieldFixtures.attempt(ShieldFixtures.phone(ONE), "198.51.100.3"), capped());

        assertThat(written).extracting(AuditEvent::subject).containsOnly("+6012*****89");
        List<String> hashes = written.stream().map(e -> e.details().get(DestinationHasher.SUBJECT_LABEL)).toList();
        assertThat(hashes).doesNotContainNull().matches(h -> h.get(0).equals(h.get(2)) && !h.get(0).equals(h.get(1)));
        assertThat(written).allSatisfy(e -> assertThat(e.toString() + e.details()).doesNotContain("3456789", "9876589", "123456", "129876"));
    }

    @Test
    void anAllowedCodeCarriesNoSubjectHash() {
        telemetry().verdict(ShieldFixtures.attempt(ShieldFixtures.phone(ONE), "198.51.100.1"), new Verdict.Allow());
        assertThat(written).singleElement().satisfies(e -> assertThat(e.details()).doesNotContainKey(DestinationHasher.SUBJECT_LABEL));
    }

    @Test
    void theShippedBombingRuleGivesTwoFingerprintsForTwoNumbersWithOneMask() {
        ShieldTelemetry telemetry = telemetry();
        for (int i = 0; i < 5; i++) {
            telemetry.verdict(ShieldFixtures.attempt(ShieldFixtures.phone(ONE), "198.51.100." + (10 + i)), capped());
            telemetry.verdict(ShieldFixtures.attempt(ShieldFixtures.phone(OTHER), "198.51.100." + (20 + i)), capped());
        }
        RuleSet rules = RuleFiles.load(RuleFiles.LOCATION, new InMemoryCorrelationState(1024, new byte[]{4}));
        List<Match> matches = new ArrayList<>();
        Instant t = Instant.parse(ShieldFixtures.DAYTIME);
        for (int i = 0; i < written.size(); i++) {
            matches.addAll(rules.evaluate(AuditEventMapper.map(i + 1, t.plusSeconds(i), written.get(i))));
        }
        List<Match> bombings = matches.stream().filter(m -> m.ruleId().equals(BOMBING)).toList();
        assertThat(bombings).hasSize(2);
        Set<String> groups = bombings.stream().map(m -> m.groupBy().toString()).collect(Collectors.toSet());
        assertThat(groups).hasSize(2).allSatisfy(g -> assertThat(g).contains("+6012*****89").doesNotContain("3456789", "9876589"));
    }
}
