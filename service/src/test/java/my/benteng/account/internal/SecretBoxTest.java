package my.benteng.account.internal;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    private final SecureRandom random = new SecureRandom();

    private byte[] key() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        SecretBox box = new SecretBox(key(), random);
        byte[] secret = "totp-seed-20-bytes!!".getBytes();
        String a = box.seal(secret, "owner-1");
        assertThat(a).isNotEqualTo(box.seal(secret, "owner-1"));
        assertThat(box.open(a, "owner-1")).isEqualTo(secret);
    }

    @Test
    void aCiphertextMovedToAnotherOwnerOrTamperedWithDoesNotOpen() {
        SecretBox box = new SecretBox(key(), random);
        String sealed = box.seal(new byte[20], "owner-1");
        assertThatThrownBy(() -> box.open(sealed, "owner-2")).isInstanceOf(IllegalStateException.class);
        byte[] raw = Base64.getDecoder().decode(sealed);
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> box.open(Base64.getEncoder().encodeToString(raw), "owner-1")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretBox(key(), random).open(sealed, "owner-1")).isInstanceOf(IllegalStateException.class)
                .hasNoCause();
    }
}
