package my.benteng.shield.internal;

import my.benteng.platform.KeyedHash;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static my.benteng.shield.internal.ShieldFixtures.email;
import static my.benteng.shield.internal.ShieldFixtures.phone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden values under a fixed key. The legacy values were computed by the HMAC code the shield had before V36 (HMAC-SHA256
 * of the canonical form, nothing else): they must keep matching what is stored. The current values pin the platform's
 * contact form, so a change to it cannot orphan what the shield writes from now on without failing here.
 */
class DestinationHasherTest {

    private static final byte[] KEY = "a destination key of at least 32 bytes".getBytes(StandardCharsets.UTF_8);

    private final DestinationHasher hasher = new DestinationHasher(KEY);

    @Test
    void theLegacyFormIsTheHmacOfTheCanonicalFormAsStoredBeforeTheUpgrade() {
        assertThat(hasher.legacyHash(phone("+60123456789"))).isEqualTo("0fccb8fcac0e483b2062e3e6b7370e996aeef8d1765f6d6bf05edb998cd80f70");
        assertThat(hasher.legacyHash(email("siti.aminah@contoh.my"))).isEqualTo("86e2f87251fbd8a0fce840267ac40d34432e52b6cf966d909e2fff9686bd33c5");
        assertThat(hasher.legacyHash(email("Siti.Aminah@contoh.my")))
                .as("the old form kept the case of an address").isEqualTo("6cadc06876e3e19ddac049eb7c9037fb726fcd837cb444195748b3e5e44fd3ab");
    }

    @Test
    void theCurrentFormIsThePlatformsContactHashUnderTheShieldsLabel() {
        assertThat(hasher.hash(phone("+60 12-345 6789"))).isEqualTo("561158edcffb7d7c33ddb30345a19d6fa1ffd8edbf01726296b9aa777878f099");
        assertThat(hasher.hash(email("siti.aminah@contoh.my"))).isEqualTo("0d725b55cbee8c73b77e3e148cb8d4440dd48cf20c950f1b5af36744bed39765");
        assertThat(hasher.hash(phone("+60123456789")))
                .isEqualTo(new KeyedHash(KEY).contact(DestinationHasher.LABEL, phone("+60123456789")));
    }

    @Test
    void caseVariantsOfOneInboxAreOneDestination() {
        assertThat(hasher.hash(email("Siti.Aminah@Contoh.MY"))).isEqualTo(hasher.hash(email("siti.aminah@contoh.my")));
    }

    @Test
    void theTwoFormsNeverCoincide() {
        assertThat(hasher.hash(phone("+60123456789"))).isNotEqualTo(hasher.legacyHash(phone("+60123456789")));
    }
}
