package my.benteng.helpdesk.internal;

import my.benteng.platform.Channel;
import my.benteng.platform.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketInputTest {

    @Test
    void normalisesAndAcceptsOrdinaryInput() {
        TicketInput input = TicketInput.parse("EKYC", "  Gambar MyKad ditolak  ", "Baris satu\r\nBaris dua\tcol");
        assertThat(input.subject()).isEqualTo("Gambar MyKad ditolak");
        assertThat(input.message()).isEqualTo("Baris satu\nBaris dua\tcol");
        assertThat(input.toString()).doesNotContain("MyKad").doesNotContain("Baris");
    }

    @Test
    void contactIsAPhoneOrAnAddress() {
        assertThat(TicketInput.contact("+60 11-2345 6789").channel()).isEqualTo(Channel.SMS);
        assertThat(TicketInput.contact("011-2345 6789").value()).isEqualTo("+601123456789");
        assertThat(TicketInput.contact("Siti@Example.ORG").channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void refusalsNameTheFieldNotTheValue() {
        assertThatThrownBy(() -> TicketInput.parse("general", "x", "y")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("category: ");
        assertThatThrownBy(() -> TicketInput.parse("GENERAL", "secret\rBcc: x", "y")).isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("subject: ").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> TicketInput.parse("GENERAL", "x", "bad \u001b[31m")).hasMessageStartingWith("message: ");
        assertThatThrownBy(() -> TicketInput.parse("GENERAL", "mojibake \ufffd", "y")).hasMessageStartingWith("subject: ");
        assertThatThrownBy(() -> TicketInput.contact("secret@@example.org")).hasMessage("contact: must be a mobile number or an e-mail address");
        assertThatThrownBy(() -> TicketInput.contact("+60112345678\r\nBcc: x@example.org")).hasMessageStartingWith("contact: ");
    }

    @Test
    void inboundTextIsCleanedAndCutRatherThanRefused() {
        assertThat(InboundMail.clean("a\u0000b\r\nc\u202Ed", true, 100)).isEqualTo("a b\ncd");
        assertThat(InboundMail.clean("line\nbreak", false, 100)).isEqualTo("line break");
        assertThat(InboundMail.clean("x".repeat(300), false, 200)).hasSize(200);
        assertThat(InboundMail.clean("ab\ud83d\ude00", false, 3)).isEqualTo("ab"); // never half a surrogate pair
    }
}
