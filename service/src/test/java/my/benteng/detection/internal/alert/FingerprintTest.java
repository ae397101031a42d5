package my.benteng.detection.internal.alert;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class FingerprintTest {

    @Test
    void theSameRuleAndValuesGiveTheSameFingerprintWhateverTheOrder() {
        TreeMap<String, String> a = new TreeMap<>(Map.of("source.ip", "192.0.2.0/24", "user.id", "u1"));
        TreeMap<String, String> b = new TreeMap<>();
        b.put("user.id", "u1");
        b.put("source.ip", "192.0.2.0/24");
        assertThat(Fingerprint.of("r1", a)).isEqualTo(Fingerprint.of("r1", b)).matches("[0-9a-f]{64}");
    }

    @Test
    void partsCannotSlideIntoEachOther() {
        assertThat(Fingerprint.of("r1", new TreeMap<>(Map.of("a", "bc")))).isNotEqualTo(Fingerprint.of("r1", new TreeMap<>(Map.of("ab", "c"))));
        assertThat(Fingerprint.of("r1", new TreeMap<>(Map.of("a", "b")))).isNotEqualTo(Fingerprint.of("r2", new TreeMap<>(Map.of("a", "b"))));
    }

    @Test
    void recognisesItsOwnForm() {
        assertThat(Fingerprint.isFingerprint(Fingerprint.of("r", new TreeMap<>()))).isTrue();
        assertThat(Fingerprint.isFingerprint("ABC")).isFalse();
        assertThat(Fingerprint.isFingerprint(null)).isFalse();
    }
}
