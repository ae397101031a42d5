package my.benteng.premises.internal;

import my.benteng.premises.PremisesId;
import my.benteng.premises.QrToken;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodesTest {

    private static final PremisesId PREMISES = new PremisesId("6f1c2a4e-8b0d-4c3e-9a7f-0123456789ab");
    private static final byte[] KEY_1 = key(1);
    private static final byte[] KEY_2 = key(2);

    private static byte[] key(int seed) {
        byte[] k = new byte[32];
        java.util.Arrays.fill(k, (byte) seed);
        return k;
    }

    @Test
    void anIssuedCodeIsAuthenticAndRoundTripsThroughItsText() {
        QrCodes codes = new QrCodes(1, Map.of(1, KEY_1));
        QrToken token = codes.issue(PREMISES, 3);
        QrToken parsed = QrToken.parse(token.text()).orElseThrow();
        assertThat(parsed).isEqualTo(token);
        assertThat(parsed.premisesId()).isEqualTo(PREMISES);
        assertThat(parsed.keyId()).isEqualTo(1);
        assertThat(parsed.version()).isEqualTo(3);
        assertThat(codes.authentic(parsed)).isTrue();
    }

    @Test
    void codesAreThoseAlreadyPrintedOnPosters() {
        // golden values computed by the HMAC code before platform.KeyedHash: printed posters must keep scanning
        QrCodes codes = new QrCodes(2, Map.of(1, KEY_1, 2, KEY_2));
        assertThat(codes.issue(PREMISES, 3).text()).isEqualTo("AW8cKk6LDUw-mn8BI0VniasCAAAAA0UXPk7gRYKDCpDe4qEPv50");
        assertThat(new QrCodes(1, Map.of(1, KEY_1)).issue(PREMISES, 1).text()).isEqualTo("AW8cKk6LDUw-mn8BI0VniasBAAAAARC8OzJVTPKjiU06yvAjIMk");
        assertThat(codes.authentic(QrToken.parse("AW8cKk6LDUw-mn8BI0VniasBAAAAARC8OzJVTPKjiU06yvAjIMk").orElseThrow())).isTrue();
    }

    @Test
    void aCodeMadeWithAnotherKeyIsForged() {
        QrToken forged = new QrCodes(1, Map.of(1, KEY_2)).issue(PREMISES, 1);
        assertThat(new QrCodes(1, Map.of(1, KEY_1)).authentic(forged)).isFalse();
    }

    @Test
    void flippingAnyBitOfTheTokenBreaksIt() {
        QrCodes codes = new QrCodes(1, Map.of(1, KEY_1));
        byte[] bytes = Base64.getUrlDecoder().decode(codes.issue(PREMISES, 1).text());
        for (int i = 0; i < bytes.length * 8; i++) {
            byte[] altered = bytes.clone();
            altered[i / 8] ^= (byte) (1 << (i % 8));
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            assertThat(QrToken.parse(text).filter(codes::authentic)).as("bit %d", i).isEmpty();
        }
    }

    @Test
    void keysRotateByKeyIdAndOldCodesVerifyUntilTheirKeyIsRemoved() {
        QrToken underKey1 = new QrCodes(1, Map.of(1, KEY_1)).issue(PREMISES, 1);

        QrCodes rotated = new QrCodes(2, Map.of(1, KEY_1, 2, KEY_2));
        QrToken underKey2 = rotated.issue(PREMISES, 1);
        assertThat(underKey2.keyId()).isEqualTo(2);
        assertThat(rotated.authentic(underKey1)).isTrue();
        assertThat(rotated.authentic(underKey2)).isTrue();

        QrCodes retired = new QrCodes(2, Map.of(2, KEY_2));
        assertThat(retired.authentic(underKey1)).isFalse();
        assertThat(retired.authentic(underKey2)).isTrue();
    }

    @Test
    void aCodeThatClaimsAnotherKeyIdDoesNotVerify() {
        QrCodes codes = new QrCodes(1, Map.of(1, KEY_1, 2, KEY_2));
        QrToken token = codes.issue(PREMISES, 1);
        byte[] bytes = Base64.getUrlDecoder().decode(token.text());
        bytes[17] = 2; // same tag, other key id
        QrToken relabelled = QrToken.parse(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)).orElseThrow();
        assertThat(codes.authentic(relabelled)).isFalse();
    }
}
