package my.benteng.account.internal;

import my.benteng.platform.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class StaffPasswordsTest {

    @Test
    void hashesWithArgon2idAtTheOwaspParameters() {
        StaffPasswords passwords = new StaffPasswords();
        String hash = passwords.hash("a long and unusual passphrase");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(passwords.matches("a long and unusual passphrase", hash)).isTrue();
        assertThat(passwords.matches("a long and unusual passphrasE", hash)).isFalse();
    }

    @Test
    void anUnknownUserNeverMatchesNotEvenTheDecoyPassword() {
        StaffPasswords passwords = new StaffPasswords();
        assertThat(passwords.matches("decoy-password-that-no-one-has", null)).isFalse();
        assertThat(passwords.matches(null, null)).isFalse();
        assertThat(passwords.matches("x".repeat(100_000), null)).isFalse();
    }

    @Test
    void policyNamesTheRuleNeverThePassword() {
        assertThatNoException().isThrownBy(() -> StaffPasswords.checkPolicy("a long and unusual passphrase", "alice"));
        for (String weak : new String[] {null, "", "elevenchars", "aaaaaaaaaaaaaaaa", "Password1234", "my-alice-password", "x".repeat(129)}) {
            assertThatThrownBy(() -> StaffPasswords.checkPolicy(weak, "alice")).as(String.valueOf(weak))
                    .isInstanceOf(InvalidValueException.class).hasMessageStartingWith("password: ")
                    .hasMessageNotContaining("alice-password").hasMessageNotContaining("elevenchars");
        }
    }
}
