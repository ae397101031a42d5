package my.benteng.detection.internal.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertConfigurationTest {

    private static AlertProperties properties(String alertmanager, String webhook, String secret) {
        return new AlertProperties(alertmanager, webhook, secret, Duration.ofMinutes(1), Duration.ofDays(30), 20,
                new AlertProperties.Delivery(Duration.ofSeconds(1), 50, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(10),
                        Duration.ofDays(7), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofDays(30)), java.time.Period.ofDays(90));
    }

    @Test
    void aReceiverUrlMustBeAbsoluteHttpAndIsNeverRepeatedInTheRefusal() {
        assertThat(AlertConfiguration.url(" https://am.example.org:9093 ", "s").getHost()).isEqualTo("am.example.org");
        for (String bad : new String[] {"ftp://example.org/secret-token", "/relative/secret-token", "https://exa mple.org/secret-token"}) {
            assertThatThrownBy(() -> AlertConfiguration.url(bad, "benteng.detection.webhook-url"))
                    .hasMessageContaining("benteng.detection.webhook-url").hasMessageNotContaining("secret-token");
        }
    }

    @Test
    void productionNeedsAStrongWebhookSecretOnlyWhenThereIsAWebhook() {
        AlertConfiguration configuration = new AlertConfiguration();
        assertThat(configuration.alertProductionCheck(properties("https://am.example.org", "", "")).problems()).isEmpty();
        assertThat(configuration.alertProductionCheck(properties("", "https://hooks.example.org/x", "short")).problems()).hasSize(1);
        assertThat(configuration.alertProductionCheck(properties("", "https://hooks.example.org/x", "s".repeat(32))).problems()).isEmpty();
    }

    @Test
    void settingsPrintNeitherUrlsNorTheSecret() {
        String text = properties("https://user:pw@am.example.org", "https://hooks.example.org/T0/B0/token", "s".repeat(40)).toString();
        assertThat(text).doesNotContain("pw@", "token", "ssss").contains("alertmanagerUrl=<set>", "webhookSecret=<set>");
    }
}
