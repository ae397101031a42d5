package my.benteng.ekyc.internal;

import my.benteng.ekyc.MyKadNumber;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden value computed by the lookup-hash code before {@code platform.KeyedHash}: stored records must stay findable. */
class VaultLookupHashTest {

    @Test
    void theLookupHashOfAMyKadNumberIsTheOneAlreadyStored() {
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        Vault vault = new Vault(null, null, null, null, null, null, null, null, null, null, null, new Vault.LookupKey(key));

        String hash = vault.lookupHash(MyKadNumber.parse("900101-14-5678", LocalDate.of(2026, 11, 22)));

        assertThat(hash).isEqualTo("b272e6f824a1c88be7d5f24ddea4f1db124d2895a4f80f7e594600258f05e962");
    }
}
