package my.benteng.messaging;

import my.benteng.platform.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentReplyTextTest {

    @Test
    void keepsLineFeedsAndNormalisesCarriageReturns() {
        assertThat(AgentReplyText.of("  Hello\r\nthere\rfriend  ").text()).isEqualTo("Hello\nthere\nfriend");
        assertThat(AgentReplyText.of("Terima kasih 🙏").text()).isEqualTo("Terima kasih 🙏");
    }

    @Test
    void refusesWhatCouldBreakOutOrMislead() {
        assertThatThrownBy(() -> AgentReplyText.of("  ")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> AgentReplyText.of("x".repeat(AgentReplyText.MAX_LENGTH + 1))).hasMessageStartingWith("text: ");
        assertThatThrownBy(() -> AgentReplyText.of("bell\u0007")).hasMessageStartingWith("text: ");
        assertThatThrownBy(() -> AgentReplyText.of("nul\u0000")).hasMessageStartingWith("text: ");
        assertThatThrownBy(() -> AgentReplyText.of("sep\u2028arated")).hasMessageStartingWith("text: ");
        assertThatThrownBy(() -> AgentReplyText.of("rtl \u202Etxt.exe")).hasMessageStartingWith("text: ");
        assertThatThrownBy(() -> AgentReplyText.of("lone \ud800 x")).hasMessageStartingWith("text: ");
        assertThatThrownBy(() -> AgentReplyText.of("lone \udc00 x")).hasMessageStartingWith("text: ");
    }

    @Test
    void neverPrintsItself() {
        assertThat(AgentReplyText.of("private words").toString()).doesNotContain("private");
    }

    @Test
    void fitsOnlyItsOwnTemplate() {
        TemplateParameters p = TemplateParameters.of("reference", TicketReference.of("HD-ABCD1234"), "text", AgentReplyText.of("Hi"));
        Template.HELPDESK_AGENT_REPLY.validate(p);
        assertThatThrownBy(() -> Template.HELPDESK_ACKNOWLEDGEMENT.validate(p)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> Template.OTP_CODE.validate(TemplateParameters.of("code", AgentReplyText.of("123456"), "minutes", Minutes.of(5))))
                .isInstanceOf(InvalidValueException.class);
    }
}
