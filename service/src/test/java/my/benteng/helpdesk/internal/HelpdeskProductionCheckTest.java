package my.benteng.helpdesk.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelpdeskProductionCheckTest {

    private static HelpdeskProperties properties(String inboundSecret, String recipientKey) {
        return new HelpdeskProperties(inboundSecret, recipientKey, Duration.ofDays(7), 5, 30, 10, 30, 100);
    }

    @Test
    void productionRefusesTheGeneratedOrAWeakInboundSecretAndNamesNoValue() {
        var check = new HelpdeskConfiguration().helpdeskProductionCheck(properties("", ""));
        assertThat(check.problems()).hasSize(2).allMatch(p -> p.startsWith("benteng.helpdesk."));
        assertThat(new HelpdeskConfiguration().helpdeskProductionCheck(properties("short-secret", "a2V5")).problems())
                .singleElement().asString().contains("inbound-secret").doesNotContain("short-secret");
        assertThat(new HelpdeskConfiguration().helpdeskProductionCheck(properties("s".repeat(40), "a2V5")).problems()).isEmpty();
    }

    @Test
    void theAcknowledgementIntervalCannotBeShorterThanRfc3834Asks() {
        assertThatThrownBy(() -> new HelpdeskProperties("", "", Duration.ofDays(6), 5, 30, 10, 30, 100))
                .hasMessageContaining("7 days");
        assertThat(properties("s".repeat(40), "").toString()).doesNotContain("sss");
    }
}
