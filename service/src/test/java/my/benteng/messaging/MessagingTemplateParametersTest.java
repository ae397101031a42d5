package my.benteng.messaging;

import my.benteng.platform.EmailAddress;
import my.benteng.platform.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every parameter type refuses anything but its narrow alphabet, and templates take exactly what they declare. */
class MessagingTemplateParametersTest {

    /** Injection payloads from incident 2 and the usual header/markup tricks. */
    static final String[] HOSTILE = {
            "123456\r\nBcc: victim@example.com",
            "\r\nBcc: victim@example.com",
            "HD-ABCD1234\r\nBcc: victim@example.com",
            "HD-ABCD1234\nSubject: you tested positive",
            "<script>alert(1)</script>",
            "<b>123456</b>",
            "<img src=x onerror=alert(1)>",
            "123456<",
            "１２３４５６",
            "12 34",
            "5\r\n",
            "HD-abcd1234",
            "You tested positive... joking",
    };

    @ParameterizedTest
    @ValueSource(strings = {"123456\r\nBcc: victim@example.com", "\r\nBcc: victim@example.com", "<script>alert(1)</script>",
            "<b>1234</b>", "12a456", "１２３４５６", "12 34", "123", "123456789", "", "1234\u0000"})
    void otpCodeRefusesAnythingButFourToEightDigits(String input) {
        assertRefusedWithoutEcho(() -> OtpCode.of(input), "code", input);
    }

    @Test
    void otpCodeRefusesOversizedInput() {
        String huge = "1".repeat(100_000);
        assertRefusedWithoutEcho(() -> OtpCode.of(huge), "code", huge);
    }

    @Test
    void otpCodeKeepsItsDigitsOutOfToString() {
        OtpCode code = OtpCode.of("483920");
        assertThat(code.text()).isEqualTo("483920");
        assertThat(code).hasToString("OtpCode[******]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "11", "5\r\nBcc: victim@example.com", "<script>", "-1", "05 ", "100", "", "x"})
    void minutesRefuseAnythingButOneToTen(String input) {
        assertRefusedWithoutEcho(() -> Minutes.parse(input), "minutes", input);
    }

    @Test
    void minutesAcceptTheirRange() {
        assertThat(Minutes.parse("1").value()).isEqualTo(1);
        assertThat(Minutes.parse("10").text()).isEqualTo("10");
        assertThatThrownBy(() -> Minutes.of(0)).isInstanceOf(InvalidValueException.class).hasMessage("minutes: must be between 1 and 10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HD-ABCD1234\r\nBcc: victim@example.com", "HD-ABCD123", "HD-ABCD12345", "hd-abcd1234", "HD-ABCD-234",
            "<script>alert(1)</script>", "HD-<b>1234</b>", "HD-ABCD123\n", "XX-ABCD1234", "HD-ÀBCD1234"})
    void ticketReferenceRefusesAnythingButItsPattern(String input) {
        assertRefusedWithoutEcho(() -> TicketReference.of(input), "reference", input);
    }

    @Test
    void ticketReferenceRefusesOversizedInput() {
        String huge = "HD-" + "A".repeat(1_000_000);
        assertRefusedWithoutEcho(() -> TicketReference.of(huge), "reference", huge);
    }

    @Test
    void everyHostilePayloadIsRefusedByEveryParameterType() {
        for (String payload : HOSTILE) {
            assertRefusedWithoutEcho(() -> OtpCode.of(payload), "code", payload);
            assertRefusedWithoutEcho(() -> Minutes.parse(payload), "minutes", payload);
            assertRefusedWithoutEcho(() -> TicketReference.of(payload), "reference", payload);
        }
    }

    @Test
    void emailRecipientWithAHeaderInjectionIsRefusedAtTheValueObject() {
        assertThatThrownBy(() -> EmailAddress.parse("citizen@example.com\r\nBcc: victim@example.com"))
                .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("victim");
        assertThatThrownBy(() -> EmailAddress.parse("citizen@example.com,victim@example.com"))
                .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("victim");
    }

    @Test
    void otpTemplateAcceptsExactlyItsDeclaredParameters() {
        Template.OTP_CODE.validate(TemplateParameters.of("code", OtpCode.of("123456"), "minutes", Minutes.of(5)));
    }

    @Test
    void missingParameterIsNamed() {
        assertThatThrownBy(() -> Template.OTP_CODE.validate(TemplateParameters.of("code", OtpCode.of("123456"))))
                .isInstanceOf(InvalidValueException.class).hasMessage("minutes: is required by template OTP_CODE")
                .extracting(e -> ((InvalidValueException) e).field()).isEqualTo("minutes");
    }

    @Test
    void extraParameterIsNamed() {
        TemplateParameters withExtra = TemplateParameters.of(Map.of("code", OtpCode.of("123456"), "minutes", Minutes.of(5),
                "reference", TicketReference.of("HD-ABCD1234")));
        assertThatThrownBy(() -> Template.OTP_CODE.validate(withExtra))
                .isInstanceOf(InvalidValueException.class).hasMessage("reference: is not a parameter of template OTP_CODE");
        assertThatThrownBy(() -> Template.CONTACT_NOTIFICATION.validate(TemplateParameters.of("code", OtpCode.of("1234"))))
                .isInstanceOf(InvalidValueException.class).hasMessage("code: is not a parameter of template CONTACT_NOTIFICATION");
    }

    @Test
    void parameterOfTheWrongTypeIsNamed() {
        TemplateParameters swapped = TemplateParameters.of("code", Minutes.of(5), "minutes", OtpCode.of("123456"));
        assertThatThrownBy(() -> Template.OTP_CODE.validate(swapped))
                .isInstanceOf(InvalidValueException.class).hasMessage("code: must be a OtpCode");
    }

    @Test
    void nullValuesAndMalformedNamesAreRefused() {
        java.util.HashMap<String, TemplateValue> withNull = new java.util.HashMap<>();
        withNull.put("code", null);
        assertThatThrownBy(() -> TemplateParameters.of(withNull)).isInstanceOf(InvalidValueException.class).hasMessage("code: is required");
        assertThatThrownBy(() -> TemplateParameters.of("Code\r\nBcc", OtpCode.of("1234")))
                .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("Bcc");
    }

    @Test
    void parametersNeverShowTheirValuesInToString() {
        TemplateParameters p = TemplateParameters.of("code", OtpCode.of("918273"), "minutes", Minutes.of(5));
        assertThat(p.toString()).doesNotContain("918273").contains("code");
    }

    @Test
    void templatesDeclareTheirParametersAndCriticality() {
        assertThat(Template.OTP_CODE.parameters()).containsOnlyKeys("code", "minutes");
        assertThat(Template.OTP_CODE.securityCritical()).isTrue();
        assertThat(Template.HELPDESK_ACKNOWLEDGEMENT.parameters()).containsOnlyKeys("reference");
        assertThat(Template.HELPDESK_ACKNOWLEDGEMENT.securityCritical()).isFalse();
        assertThat(Template.CONTACT_NOTIFICATION.parameters()).isEmpty();
    }

    private static void assertRefusedWithoutEcho(Runnable construction, String field, String input) {
        assertThatThrownBy(construction::run)
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> {
                    assertThat(((InvalidValueException) e).field()).isEqualTo(field);
                    assertThat(e.getMessage()).startsWith(field + ": ");
                    if (!input.isBlank() && input.length() > 1) {
                        assertThat(e.getMessage()).doesNotContain(input);
                    }
                    assertThat(e.getMessage()).doesNotContain("\r", "\n", "victim", "<script>");
                });
    }
}
