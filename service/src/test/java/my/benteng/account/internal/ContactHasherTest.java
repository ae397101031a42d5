package my.benteng.account.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden values, so that a change of form cannot slip through: the legacy values were computed by the HMAC code this
 * class had before {@code platform.KeyedHash} (and agree with {@code openssl dgst -sha256 -mac HMAC}); they are what
 * citizen rows made before V37 and every staff lockout counter hold.
 */
class ContactHasherTest {

    private static final Contact PHONE = Contact.of(PhoneNumber.parse("+60123456789"));
    private static final Contact EMAIL = Contact.of(EmailAddress.parse("Siti.Aminah@Contoh.my"));

    private final ContactHasher hasher = new ContactHasher(HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"));

    @Test
    void theLegacyFormIsTheOneStoredBeforeAndKeepsTheCaseOfTheLocalPart() {
        assertThat(hasher.legacyHash(PHONE)).isEqualTo("b3cdb440c3ffc449c3d342022b5a99ce2e2c467c2424c33cd8a44b603e29ba9d");
        assertThat(hasher.legacyHash(EMAIL)).isEqualTo("70da186bbd743055b3e5e9fcde6175f04cf4a867a46bd6901f70b1ada010279d");
        assertThat(hasher.legacyHash(Contact.of(EmailAddress.parse("siti.aminah@contoh.my")))).isNotEqualTo(hasher.legacyHash(EMAIL));
    }

    @Test
    void theCurrentFormIsThePlatformContactHashUnderTheAccountLabel() {
        assertThat(hasher.hash(PHONE)).isEqualTo("0670146ce2a1c3e208f0a7465e1b5b64de8ea85db267adddab9c01f444f96be4");
        assertThat(hasher.hash(EMAIL)).isEqualTo("4985482e24a8e4a64828e91d93b4281fd64a8fd01d3cfbb793eee792eaea82b7");
        assertThat(hasher.hash(Contact.of(EmailAddress.parse("SITI.AMINAH@contoh.my")))).isEqualTo(hasher.hash(EMAIL));
        assertThat(hasher.hash(PHONE)).isNotEqualTo(hasher.legacyHash(PHONE));
    }

    @Test
    void usernameKeysKeepTheirOldBytesSoThatNoLockoutIsLifted() {
        assertThat(hasher.usernameKey("operator.siti")).isEqualTo("7767449bf476e60c6ad4e7952bd645e75eee00ce79a544ffba8770e6e7a9bc28");
    }
}
