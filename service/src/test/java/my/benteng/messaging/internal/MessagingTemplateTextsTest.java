package my.benteng.messaging.internal;

import my.benteng.messaging.Language;
import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.messaging.TicketReference;
import my.benteng.platform.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every template renders in both languages, fits one SMS, and stored parameters are re-validated when read back. */
class MessagingTemplateTextsTest {

    static TemplateParameters longestParametersFor(Template template) {
        return switch (template) {
            case OTP_CODE -> TemplateParameters.of("code", OtpCode.of("12345678"), "minutes", Minutes.of(10));
            case HELPDESK_ACKNOWLEDGEMENT -> TemplateParameters.of("reference", TicketReference.of("HD-ABCD1234"));
            case HELPDESK_AGENT_REPLY -> TemplateParameters.of("reference", TicketReference.of("HD-ABCD1234"),
                    "text", my.benteng.messaging.AgentReplyText.of("x".repeat(my.benteng.messaging.AgentReplyText.MAX_LENGTH)));
            case CONTACT_NOTIFICATION -> TemplateParameters.none();
        };
    }

    @Test
    void everyTemplateRendersInEveryLanguageWithinOneSmsAndWithoutPlaceholdersLeft() {
        for (Template template : Template.values()) {
            for (Language language : Language.values()) {
                RenderedMessage m = TemplateTexts.render(template, language, longestParametersFor(template));
                // an agent's reply is the one multi-segment message, by design (AgentReplyText)
                int limit = template == Template.HELPDESK_AGENT_REPLY ? 160 + my.benteng.messaging.AgentReplyText.MAX_LENGTH : 160;
                assertThat(m.text()).as(template + " " + language).hasSizeLessThanOrEqualTo(limit).doesNotContain("{", "}");
                assertThat(m.subject()).isNotBlank().doesNotContain("{", "}", "\r", "\n");
                assertThat(m.html()).contains("<p>").doesNotContain("{");
            }
        }
    }

    @Test
    void otpCodeTextsSayTheCodeAndTheValidity() {
        TemplateParameters p = TemplateParameters.of("code", OtpCode.of("482913"), "minutes", Minutes.of(5));
        assertThat(TemplateTexts.render(Template.OTP_CODE, Language.MS, p).text())
                .isEqualTo("Benteng: Kod pengesahan anda ialah 482913. Sah selama 5 minit. Jangan kongsi kod ini dengan sesiapa.");
        assertThat(TemplateTexts.render(Template.OTP_CODE, Language.EN, p).text())
                .isEqualTo("Benteng: Your verification code is 482913. Valid for 5 minutes. Do not share it with anyone.");
    }

    @Test
    void storedParametersRoundTripAndAreValidatedAgainWhenRead() {
        TemplateParameters p = TemplateParameters.of("code", OtpCode.of("482913"), "minutes", Minutes.of(5));
        assertThat(ParameterCodec.decode(Template.OTP_CODE, ParameterCodec.encode(p)).values()).isEqualTo(p.values());
        // a row edited in the database still cannot smuggle text into a message
        assertThatThrownBy(() -> ParameterCodec.decode(Template.OTP_CODE, "code=<b>1</b>;minutes=5"))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("code: ");
        assertThatThrownBy(() -> ParameterCodec.decode(Template.OTP_CODE, "code=123456"))
                .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("minutes: ");
    }

    @Test
    void backoffDoublesFromTheBaseDelayUpToTheMaximum() {
        var settings = new MessagingProperties.Dispatcher(false, java.time.Duration.ofMillis(250), 50, java.time.Duration.ofSeconds(60),
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30), 6);
        OutboxDispatcher d = new OutboxDispatcher(null, null, null, java.util.Map.of(), null, null, null, null, settings);
        assertThat(d.backoff(1)).hasSeconds(5);
        assertThat(d.backoff(2)).hasSeconds(10);
        assertThat(d.backoff(3)).hasSeconds(20);
        assertThat(d.backoff(4)).hasSeconds(30);
        assertThat(d.backoff(20)).hasSeconds(30);
    }
}
