package my.benteng.detection.internal;

import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import my.benteng.detection.internal.sigma.RuleLoadException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rule files from the class path: a bad one stops the load with its file and line. */
class RuleFilesTest {

    @Test
    void aRuleOutsideTheSubsetStopsTheLoadNamingFileAndLine() {
        RuleLoadException e = catchThrowableOfType(RuleLoadException.class, () -> RuleFiles.load("classpath*:detection/bad-rules/*.yml",
                new InMemoryCorrelationState(64, new byte[]{1})));
        assertThat(e.getMessage()).isEqualTo("detection/bad-rules/regex.yml:9: modifier 're' is outside the supported Sigma subset "
                + "[contains, startswith, endswith, gt, gte, lt, lte, cidr, all]");
    }

    @Test
    void aLocationWithoutRulesIsAnError() {
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> RuleFiles.read("classpath*:detection/nothing-here/*.yml")))
                .hasMessageContaining("no detection rules");
    }

    @Test
    void startUpFailsWithTheFileAndLineInsteadOfAStackTrace() {
        RuleLoadException cause = new RuleLoadException("detection/rules/x.yml", 12, "unknown field 'process.name'");
        var analysis = new RuleLoadFailureAnalyzer().analyze(new IllegalStateException("wrapped", cause));
        assertThat(analysis.getDescription()).isEqualTo("A detection rule cannot be loaded: detection/rules/x.yml:12: unknown field 'process.name'");
        assertThat(analysis.getAction()).contains("benteng.detection.rules.enabled=false");
    }
}
