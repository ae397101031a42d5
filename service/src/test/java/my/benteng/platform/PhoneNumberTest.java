package my.benteng.platform;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneNumberTest {

    @Test
    void normalisesLocalMalaysianMobileToE164() {
        PhoneNumber number = PhoneNumber.parse("012-345 6789");
        assertThat(number.e164()).isEqualTo("+60123456789");
        assertThat(number.region()).isEqualTo("MY");
        assertThat(number.type()).isEqualTo(PhoneNumberType.MOBILE);
    }

    @Test
    void acceptsInternationalForm() {
        assertThat(PhoneNumber.parse("+60 12-345 6789")).isEqualTo(PhoneNumber.parse("0123456789"));
    }

    @Test
    void toStringIsMasked() {
        PhoneNumber number = PhoneNumber.parse("+60123456789");
        assertThat(number.toString()).isEqualTo("+6012*****89").doesNotContain("345678");
    }

    @Test
    void prefixCountsDigitsAfterThePlus() {
        assertThat(PhoneNumber.parse("+60123456789").prefix(7)).isEqualTo("6012345");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "12", "+60 12 345\r\nBcc: x", "0123456789<script>", "+6012345678901234567890123456789012",
            "1-800-FLOWERS", "+60123456789\u0000", "٠١٢٣٤٥٦٧٨٩"})
    void refusesWhatIsNotAValidNumberWithoutEchoingIt(String input) {
        assertThatThrownBy(() -> PhoneNumber.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .satisfies(e -> {
                    if (input.strip().length() > 3) {
                        assertThat(e.getMessage()).doesNotContain(input.strip());
                    }
                });
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse(null)).isInstanceOf(InvalidValueException.class);
    }
}
