package my.benteng.account.internal;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * RFC 6238 time-based codes as authenticator apps make them: HMAC-SHA1, 30-second steps, 6 digits. A code
 * is accepted for the current step and one step either side (clock drift), and only for a step later than
 * the last one the user signed in with, so a code observed over a shoulder or in a proxy log cannot be
 * replayed within its window.
 */
final class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    static final int DIGITS = 6;
    /** 160 bits, the HMAC-SHA1 block recommended by RFC 4226 §4. */
    static final int SECRET_BYTES = 20;
    private static final Pattern CODE = Pattern.compile("[0-9]{" + DIGITS + "}");

    private Totp() {
    }

    static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), STEP.toSeconds());
    }

    /**
     * The step the code belongs to, among now-1, now and now+1 and later than {@code lastUsedStep}; empty
     * when none matches. Every candidate is computed and compared in constant time.
     */
    static OptionalLong match(byte[] secret, String code, Instant now, long lastUsedStep) {
        if (code == null || !CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long found = -1;
        for (long step = current - 1; step <= current + 1; step++) {
            boolean equal = MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (equal && step > lastUsedStep && found < 0) {
                found = step;
            }
        }
        return found < 0 ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The code of one step, zero-padded. */
    static String code(byte[] secret, long step) {
        try {
            TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS);
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"),
                    Instant.ofEpochSecond(step * STEP.toSeconds()));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("invalid TOTP key");
        }
    }

    /** The provisioning URI authenticator apps scan (Key Uri Format); it contains the secret: show it once. */
    static String uri(String issuer, String username, byte[] secret) {
        String label = enc(issuer) + ":" + enc(username);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + enc(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** RFC 4648 base32 without padding, as the otpauth format wants it. */
    static String base32(byte[] data) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >>> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
