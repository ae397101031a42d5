package my.benteng.platform;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Application-made row ids: random (version 4) UUIDs from the service's {@link SecureRandom}, so ids reveal no order or count. */
public final class RandomIds {

    private RandomIds() {
    }

    /** A version 4 UUID in its usual 36-character text form. */
    public static String uuid(SecureRandom random) {
        return uuidValue(random).toString();
    }

    /** A version 4 UUID (not {@code UUID.randomUUID()}, which would hide the source of randomness from tests and reviews). */
    public static UUID uuidValue(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    /** {@code bytes} random bytes as unpadded base64url: a bearer secret (at least 16 bytes, 128 bits, for anything that grants access). */
    public static String token(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Whether {@code value} is a UUID in canonical lower-case text form. */
    public static boolean isUuid(String value) {
        return value != null && CANONICAL.matcher(value).matches();
    }

    private static final java.util.regex.Pattern CANONICAL =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
}
