package my.benteng.platform;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Application-made row ids: random (version 4) UUIDs from the service's {@link SecureRandom}, so ids reveal no order or count. */
public final class RandomIds {

    private RandomIds() {
    }

    /** A version 4 UUID in its usual 36-character text form. */
    public static String uuid(SecureRandom random) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
