package my.benteng.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailAddressTest {

    @Test
    void lowerCasesTheDomainAndKeepsTheLocalPart() {
        EmailAddress address = EmailAddress.parse("Siti.Aminah@Example.MY");
        assertThat(address.value()).isEqualTo("Siti.Aminah@example.my");
        assertThat(address.domain()).isEqualTo("example.my");
    }

    @Test
    void convertsInternationalDomainsToPunycode() {
        assertThat(EmailAddress.parse("ali@bücher.example").domain()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void toStringIsMasked() {
        assertThat(EmailAddress.parse("aminah@example.my").toString()).isEqualTo("a***@***.my");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "victim@example.com\r\nBcc: everyone@example.com",
            "victim@example.com\nSubject: you tested positive",
            "victim@example.com, second@example.com",
            "\"quoted local\"@example.com",
            "a@b@example.com",
            "no-at-sign.example.com",
            "user@",
            "@example.com",
            "user@localhost",
            "user@[127.0.0.1]",
            "user@127.0.0.1",
            "user@-bad-.example",
            "us er@example.com",
            "user(comment)@example.com",
            "user@example..com",
            ".user@example.com",
            "user.@example.com",
            "úser@example.com",
            "user@exa_mple.com"})
    void refusesHeaderInjectionAndOddForms(String input) {
        assertThatThrownBy(() -> EmailAddress.parse(input))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageNotContaining(input);
    }

    @Test
    void refusesOverlongAddresses() {
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.com")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> EmailAddress.parse("a@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + "." + "e".repeat(63) + ".my"))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(10_000))).isInstanceOf(InvalidValueException.class);
    }
}
