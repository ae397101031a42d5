package my.benteng.otp.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden values computed by the HMAC code this module had before {@code platform.KeyedHash}: stored code, token and
 * destination hashes must keep matching whatever computes them.
 */
class SecretsTest {

    private final Secrets secrets = new Secrets("a pepper of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8));

    @Test
    void storedCodeTokenAndDestinationHashesStillMatch() {
        assertThat(secrets.mac("code", "6f1c2a4e-8b0d-4c3e-9a7f-0123456789ab", "042917")).isEqualTo("68af2c32010e6818e9510b740d2c465d99c93196a327f697d41792feac69c2b2");
        assertThat(secrets.mac("token", "Qm9vZ3VzVG9rZW5Gb3JUZXN0aW5nT25seV8xMjM0NTY")).isEqualTo("f72cd72ff83ad606d576578a8eadf5ac3930e66958d908d3b954ade0a05d9e5f");
        assertThat(secrets.mac("destination", "tel:+60123456789")).isEqualTo("9e11e072c8da66ff7741f15791730265f01e89e2e526318df926df68738c5501");
        assertThat(secrets.mac("destination", "mailto:siti.aminah@contoh.my")).isEqualTo("8675fe55ae5d37753e642aaaeb7b61c49f8c48b66a2183accaf1ceee7b800bde");
    }

    @Test
    void aDestinationIsWrittenInTheContactFormAndReadInTheOlderFormToo() {
        Contact phone = new Contact.Phone(PhoneNumber.parse("+60123456789"));
        assertThat(secrets.destination(phone).forms()).as("a phone's two forms are one")
                .containsExactly("9e11e072c8da66ff7741f15791730265f01e89e2e526318df926df68738c5501");
        Contact mixedCase = new Contact.Email(EmailAddress.parse("Siti.Aminah@contoh.my"));
        Secrets.DestinationHashes hashes = secrets.destination(mixedCase);
        assertThat(hashes.current()).as("the lower-cased address, as every case variant of it")
                .isEqualTo("8675fe55ae5d37753e642aaaeb7b61c49f8c48b66a2183accaf1ceee7b800bde");
        assertThat(hashes.forms()).as("then the form stored before, over the address as given")
                .containsExactly(hashes.current(), "98ab41fb90a5b150dc571207ec6a2619a851655e3fac5171d79071975b69a2b7");
    }

    @Test
    void partsAreLengthPrefixedInUtf8Bytes() {
        // a multi-byte address: the prefix counts bytes, not characters
        assertThat(secrets.mac("destination", "mailto:zoë@contoh.my")).isEqualTo("18148e985a9a8050f0c2e71109748de7419b8704b11f0afbeb1e7945398ce361");
        assertThat(secrets.mac("code", "ab", "c")).isNotEqualTo(secrets.mac("code", "a", "bc"));
    }

    @Test
    void theSameDigestIsEqualAndAnotherIsNot() {
        String a = secrets.mac("token", "x");
        assertThat(Secrets.same(a, secrets.mac("token", "x"))).isTrue();
        assertThat(Secrets.same(a, secrets.mac("token", "y"))).isFalse();
    }
}
