package my.benteng.forensics.internal.pdq;

import my.benteng.forensics.internal.pdq.PdqCalibration.Distribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the catalogue hashes the variable region of a card and not the whole card: on cards that share one template,
 * whole-card hashes of different people come within the match distance of each other, while the photo and text
 * together separate them and still match a degraded copy (JPEG q50, 60 %) of the same card. The full distribution
 * (more people) is printed by the {@code pdq-catalogue} benchmark.
 */
class PdqCalibrationTest {

    private static final Map<String, Distribution> MEASURED = PdqCalibration.run(40, 1000).stream()
            .collect(Collectors.toMap(Distribution::region, Function.identity()));

    @Test
    void wholeCardHashesOfDifferentPeopleSitCloseTogether() {
        Distribution whole = MEASURED.get("whole card");
        Distribution variable = MEASURED.get("photo + text");
        assertThat(whole.impostorsWithinMatchDistance()).as("different people the catalogue would confuse").isPositive();
        assertThat(Distribution.percentile(whole.impostor(), 50)).isLessThan(Distribution.percentile(variable.impostor(), 50) - 16);
    }

    @Test
    void thePhotoAndTextTogetherSeparatePeopleAndSurviveDegradation() {
        Distribution variable = MEASURED.get("photo + text");
        assertThat(variable.impostorsWithinMatchDistance()).isZero();
        assertThat(variable.genuineBeyondMatchDistance()).isZero();
        assertThat(variable.quality()[0]).isGreaterThanOrEqualTo(PdqHash.MIN_QUALITY);
    }

    @Test
    void everyRegionIsMeasuredOnEveryPair() {
        assertThat(MEASURED.keySet()).containsExactlyInAnyOrder("whole card", "photo", "text", "photo + text");
        for (Distribution d : List.copyOf(MEASURED.values())) {
            assertThat(d.impostor()).hasSize(40 * 39 / 2);
            assertThat(d.genuine()).hasSize(40);
        }
    }
}
