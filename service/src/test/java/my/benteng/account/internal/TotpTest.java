package my.benteng.account.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

    /** The SHA-1 seed of RFC 6238 Appendix B. */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238TestVectorsInSixDigits() {
        // Appendix B gives 8 digits (94287082, 07081804, 14050471, 89005924); authenticator apps show the last 6
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109)))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111111)))).isEqualTo("050471");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1234567890)))).isEqualTo("005924");
    }

    @Test
    void acceptsOneStepOfDriftEitherWayAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        for (long s = step - 1; s <= step + 1; s++) {
            assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, s), now, Long.MIN_VALUE)).hasValue(s);
        }
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step - 2), now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step + 2), now, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void refusesAStepAtOrBeforeTheLastOneUsed() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        long step = Totp.step(now);
        String code = Totp.code(RFC_SEED, step);
        assertThat(Totp.match(RFC_SEED, code, now, step - 1)).hasValue(step);
        assertThat(Totp.match(RFC_SEED, code, now, step)).isEmpty();
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step - 1), now, step)).isEmpty();
    }

    @Test
    void refusesMalformedCodes() {
        Instant now = Instant.ofEpochSecond(1_800_000_000L);
        for (String code : new String[] {null, "", "12345", "1234567", "12345a", " 123456", "１２３４５６"}) {
            assertThat(Totp.match(RFC_SEED, code, now, Long.MIN_VALUE)).isEmpty();
        }
    }

    @Test
    void provisioningUriCarriesTheBase32Secret() {
        assertThat(Totp.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI"); // RFC 4648 §10
        assertThat(Totp.uri("Benteng", "alice", RFC_SEED))
                .isEqualTo("otpauth://totp/Benteng:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Benteng&algorithm=SHA1&digits=6&period=30");
    }
}
