package my.benteng.detection.internal.alert;

import my.benteng.detection.Level;
import my.benteng.platform.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiringTest {

    static final Instant AT = Instant.parse("2026-11-20T02:00:00Z");

    static Firing firing(String ruleId, Map<String, String> groupBy, List<Long> sequences) {
        return new Firing(ruleId, "OTP bombing of one number", Level.HIGH, List.of("attack.t1621", "attack.credential_access"),
                groupBy, sequences, AT, null);
    }

    @Test
    void sigmaAttackTagsBecomeTechniqueIdsAndTacticsAreDropped() {
        Firing f = new Firing("r1", "t", Level.LOW, List.of("attack.t1110.001", "T1078", "attack.t1110.001", "attack.initial_access"),
                Map.of(), List.of(1L), AT, null);
        assertThat(f.attack()).containsExactly("T1110.001", "T1078");
    }

    @Test
    void anAttackTagThatIsNeitherTechniqueNorTacticIsRefusedWithoutEcho() {
        assertThatThrownBy(() -> new Firing("r1", "t", Level.LOW, List.of("<script>"), Map.of(), List.of(), AT, null))
                .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("<script>");
    }

    @Test
    void groupByIsSortedByField() {
        Map<String, String> values = new HashMap<>();
        values.put("user.id", "u");
        values.put("destination.phone", "+60 12-*** **89");
        values.put("source.ip", "192.0.2.0/24");
        assertThat(firing("r1", values, List.of(1L)).groupBy().keySet()).containsExactly("destination.phone", "source.ip", "user.id");
    }

    @Test
    void refusesWhatIsTooLongOrMalformed() {
        assertThatThrownBy(() -> firing("bad id with spaces", Map.of(), List.of())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> firing("r".repeat(129), Map.of(), List.of())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> firing("r1", Map.of("Source.IP", "x"), List.of())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> firing("r1", Map.of("source.ip", "x".repeat(129)), List.of())).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> firing("r1", Map.of(), List.of(0L))).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Firing("r1", "line\nbreak", Level.LOW, List.of(), Map.of(), List.of(), AT, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Firing("r1", "t", Level.LOW, List.of(), Map.of(), List.of(), AT, "x".repeat(301)))
                .isInstanceOf(InvalidValueException.class);
        Map<String, String> nine = new HashMap<>();
        for (int i = 0; i < 9; i++) {
            nine.put("f" + i, "v");
        }
        assertThatThrownBy(() -> firing("r1", nine, List.of())).isInstanceOf(InvalidValueException.class);
        List<Long> many = new ArrayList<>(LongStream.rangeClosed(1, 10_001).boxed().toList());
        assertThatThrownBy(() -> firing("r1", Map.of(), many)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void keepsTheFirstAndLastEvidenceLinks() {
        Firing f = firing("r1", Map.of(), LongStream.rangeClosed(1, 100).boxed().toList());
        assertThat(f.boundedEvidence(3)).containsExactly(1L, 2L, 3L, 98L, 99L, 100L);
        assertThat(firing("r1", Map.of(), List.of(5L, 3L, 5L)).boundedEvidence(3)).containsExactly(3L, 5L);
    }

    @Test
    void toStringShowsNoValues() {
        assertThat(firing("r1", Map.of("destination.phone", "+60 12-*** **89"), List.of(1L)).toString()).doesNotContain("**89");
    }
}
