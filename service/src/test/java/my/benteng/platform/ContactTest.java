package my.benteng.platform;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContactTest {

    private static final Contact PHONE = Contact.of(PhoneNumber.parse("012-345 6789"));
    private static final Contact EMAIL = Contact.of(EmailAddress.parse("Siti.Aminah@Example.MY"));

    @Test
    void theChannelFollowsFromTheValue() {
        assertThat(PHONE.channel()).isEqualTo(Channel.SMS);
        assertThat(EMAIL.channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void canonicalFormIsTheShieldsHashInput() {
        // stored keyed hashes are computed over these strings: they must never change
        assertThat(PHONE.canonical()).isEqualTo("tel:+60123456789");
        assertThat(EMAIL.canonical()).isEqualTo("mailto:Siti.Aminah@example.my");
    }

    @Test
    void valueIsTheNormalisedNumberOrAddress() {
        assertThat(PHONE.value()).isEqualTo("+60123456789");
        assertThat(EMAIL.value()).isEqualTo("Siti.Aminah@example.my");
    }

    @Test
    void toStringAndMaskedHideThePersonalData() {
        assertThat(PHONE.masked()).isEqualTo("+6012*****89");
        assertThat(PHONE).hasToString("SMS:+6012*****89");
        assertThat(EMAIL.masked()).isEqualTo("S***@***.my");
        assertThat(EMAIL).hasToString("EMAIL:S***@***.my");
        assertThat(PHONE.toString() + PHONE.masked()).doesNotContain("345678");
        assertThat(EMAIL.toString() + EMAIL.masked()).doesNotContain("Aminah").doesNotContain("example");
    }

    @Test
    void equalContactsAreEqualWhateverTheirInputForm() {
        assertThat(Contact.of(PhoneNumber.parse("+60 12-345 6789"))).isEqualTo(PHONE).hasSameHashCodeAs(PHONE);
        assertThat(Contact.of(EmailAddress.parse("Siti.Aminah@example.my"))).isEqualTo(EMAIL).hasSameHashCodeAs(EMAIL);
        assertThat(new HashSet<>(List.of(PHONE, EMAIL, Contact.of(PhoneNumber.parse("0123456789"))))).hasSize(2);
        assertThat(Contact.of(PhoneNumber.parse("0123456788"))).isNotEqualTo(PHONE);
    }

    @Test
    void parseReadsTheValueOfTheGivenChannel() {
        assertThat(Contact.parse(Channel.SMS, "0123456789")).isEqualTo(PHONE).isInstanceOf(Contact.Phone.class);
        assertThat(Contact.parse(Channel.EMAIL, "Siti.Aminah@example.my")).isEqualTo(EMAIL).isInstanceOf(Contact.Email.class);
        assertThatThrownBy(() -> Contact.parse(Channel.SMS, "Siti.Aminah@example.my"))
                .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("Aminah");
        assertThatThrownBy(() -> Contact.parse(Channel.EMAIL, "0123456789"))
                .isInstanceOf(InvalidValueException.class).hasMessageNotContaining("23456789");
    }

    @Test
    void aContactAlwaysHoldsAValue() {
        assertThatThrownBy(() -> new Contact.Phone(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Contact.Email(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEmailAddressIsOneContactWhateverTheCaseButKeepsItsCaseForDelivery() {
        Contact typed = Contact.of(EmailAddress.parse("Siti.Aminah@Contoh.my"));
        assertThat(typed.identity()).isEqualTo("mailto:siti.aminah@contoh.my");
        assertThat(typed.canonical()).isEqualTo("mailto:Siti.Aminah@contoh.my");
        assertThat(Contact.of(PhoneNumber.parse("012-345 6789")).identity()).isEqualTo("tel:+60123456789");
    }
}
