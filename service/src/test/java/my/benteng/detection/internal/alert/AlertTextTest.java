package my.benteng.detection.internal.alert;

import org.junit.jupiter.api.Test;

import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTextTest {

    @Test
    void htmlAndLineBreakingCharactersNeverSurviveIntoTheSummary() {
        TreeMap<String, String> groupBy = new TreeMap<>();
        groupBy.put("user.name", "<img src=x onerror=alert(1)>\r\nFAKE: resolved\u202E\u2028");
        String summary = AlertText.summary("Brute force \"staff\" & co", groupBy, null);
        assertThat(summary).doesNotContain("<", ">", "\r", "\n", "\u202E", "\u2028", "\"")
                .contains("&lt;img", "&amp; co", "&quot;staff&quot;").startsWith("Brute force");
    }

    @Test
    void theSummaryNamesTheMaskedValuesAndTheRuleText() {
        TreeMap<String, String> groupBy = new TreeMap<>();
        groupBy.put("destination.phone", "+60 12-*** **89");
        assertThat(AlertText.summary("OTP bombing", groupBy, "Many codes to one number"))
                .isEqualTo("OTP bombing [destination.phone=+60 12-*** **89]: Many codes to one number");
    }

    @Test
    void aLongSummaryIsCutWithoutBreakingACharacterReference() {
        TreeMap<String, String> groupBy = new TreeMap<>();
        groupBy.put("v", "&".repeat(200));
        String summary = AlertText.summary("t", groupBy, null);
        assertThat(summary).hasSizeLessThanOrEqualTo(AlertText.MAX_SUMMARY).endsWith("&amp;\u2026");
    }

    @Test
    void aLoneSurrogateIsReplaced() {
        assertThat(AlertText.neutralise("a\uD800b")).isEqualTo("a\uFFFDb");
    }
}
