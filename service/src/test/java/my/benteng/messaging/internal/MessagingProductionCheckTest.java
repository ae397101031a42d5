package my.benteng.messaging.internal;

import my.benteng.platform.ProductionCheck;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In production the messaging module refuses dev channels, a missing gateway, SMTP host or recipient key. */
class MessagingProductionCheckTest {

    @Test
    void embeddedDefaultsAreReportedAsProblems() {
        ProductionCheck check = check(Map.of(), new MockEnvironment());

        assertThat(check.problems()).containsExactlyInAnyOrder(
                "benteng.messaging.recipient-key must be set (at least 32 characters) in production",
                "benteng.messaging.sms.mode is dev: SMS would go to the dev outbox file",
                "benteng.messaging.email.mode is dev: e-mail would go to the dev outbox file");
    }

    @Test
    void providerModesNeedTheirEndpointsAndToken() {
        ProductionCheck check = check(Map.of("benteng.messaging.sms.mode", "provider", "benteng.messaging.email.mode", "provider",
                "benteng.messaging.sms.http.url", "http://gateway.example/sms",
                "benteng.messaging.recipient-key", "k".repeat(32)), new MockEnvironment());

        assertThat(check.problems()).containsExactlyInAnyOrder(
                "benteng.messaging.sms.http.url must be an https URL in production",
                "benteng.messaging.sms.http.token is not set",
                "spring.mail.host is not set (SMTP server for benteng.messaging.email.mode=provider)");
    }

    @Test
    void completeProductionConfigurationPasses() {
        ProductionCheck check = check(Map.of("benteng.messaging.sms.mode", "provider", "benteng.messaging.email.mode", "provider",
                "benteng.messaging.sms.http.url", "https://gateway.example/sms", "benteng.messaging.sms.http.token", "secret-token",
                "benteng.messaging.recipient-key", "k".repeat(32)), new MockEnvironment().withProperty("spring.mail.host", "smtp.example"));

        assertThat(check.problems()).isEmpty();
    }

    @Test
    void aLeaseThatASlowGatewayCallCanOutlastIsAProblem() {
        ProductionCheck check = check(Map.of("benteng.messaging.sms.mode", "provider",
                "benteng.messaging.sms.http.url", "https://gateway.example/sms", "benteng.messaging.sms.http.token", "secret-token",
                "benteng.messaging.sms.http.read-timeout", "30s", "benteng.messaging.dispatcher.lease", "60s",
                "benteng.messaging.recipient-key", "k".repeat(32)), new MockEnvironment());

        assertThat(check.problems()).contains(
                "benteng.messaging.dispatcher.lease must be at least twice sms.http.connect-timeout + read-timeout");
    }

    @Test
    void theSmsGatewayIsTakenToDeduplicateByReferenceOnlyWhenDeclared() {
        assertThat(bind(Map.of()).sms().http().deduplicatesByReference()).isFalse();
        assertThat(UncertainDeliveryPolicy.from(bind(Map.of())).decide(my.benteng.messaging.Template.OTP_CODE,
                my.benteng.platform.Channel.SMS, true).resend()).isFalse();

        MessagingProperties declared = bind(Map.of("benteng.messaging.sms.http.deduplicates-by-reference", "true"));
        assertThat(UncertainDeliveryPolicy.from(declared).decide(my.benteng.messaging.Template.OTP_CODE,
                my.benteng.platform.Channel.SMS, true).resend()).isTrue();
    }

    @Test
    void propertiesNeverPrintTheTokenOrTheKey() {
        MessagingProperties properties = bind(Map.of("benteng.messaging.sms.http.token", "secret-token-value",
                "benteng.messaging.recipient-key", "secret-recipient-key"));

        assertThat(properties.toString()).doesNotContain("secret-token-value", "secret-recipient-key").contains("<set>");
        assertThat(properties.sms().costFor("MY")).isEqualByComparingTo(properties.sms().defaultCost());
        assertThat(properties.dispatcher().maxAttempts()).isEqualTo(6);
    }

    private static ProductionCheck check(Map<String, String> values, MockEnvironment environment) {
        return new MessagingConfiguration().messagingProductionCheck(bind(values), environment);
    }

    private static MessagingProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("benteng.messaging", MessagingProperties.class);
    }
}
