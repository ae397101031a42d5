package my.benteng.forensics.internal.pdq;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PdqHashTest {

    private static final String HEX = "d8f8f0cec0f4a84f0637022a278f67f0b36e2ed596621e1d33e6339c4e9c9b22";

    @Test
    void theHexFormRoundTripsMostSignificantBitFirst() {
        PdqHash h = PdqHash.fromHex(HEX.toUpperCase(java.util.Locale.ROOT), 90);
        assertThat(h.hex()).isEqualTo(HEX);
        assertThat(h.bits255to192()).isEqualTo(0xd8f8f0cec0f4a84fL);
        assertThat(h.bits63to0()).isEqualTo(0x33e6339c4e9c9b22L);
        assertThat(h.bit(0)).isFalse();   // ...22: bit 1 set, bit 0 clear
        assertThat(h.bit(1)).isTrue();
        assertThat(h.bit(255)).isTrue();  // d...: the top bit
        assertThat(h.chunk16(0)).isEqualTo(0x9b22);
        assertThat(h.chunk16(15)).isEqualTo(0xd8f8);
        assertThat(h.quality()).isEqualTo(90);
    }

    @Test
    void distanceCountsDifferingBitsInEveryWord() {
        PdqHash zero = PdqHash.fromHex("0".repeat(64), 100);
        assertThat(zero.distance(zero)).isZero();
        assertThat(zero.distance(PdqHash.fromHex("f".repeat(64), 0))).isEqualTo(256);
        assertThat(zero.distance(PdqHash.fromHex("8" + "0".repeat(47) + "0300" + "0".repeat(11) + "1", 100))).isEqualTo(4);
    }

    @Test
    void malformedHexAndQualityAreRefused() {
        assertThatThrownBy(() -> PdqHash.fromHex(HEX.substring(1), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromHex("+" + HEX.substring(1), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromHex(HEX.replace('d', 'g'), 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromHex(null, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromHex(HEX, 101)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PdqHash.fromHex(HEX, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void qualityDecidesWhetherAHashIsMatchable() {
        assertThat(PdqHash.fromHex(HEX, 50).matchable()).isTrue();
        assertThat(PdqHash.fromHex(HEX, 49).matchable()).isFalse();
        assertThat(PdqHash.fromHex(HEX, 49).withQuality(80)).isEqualTo(PdqHash.fromHex(HEX, 80));
    }
}
