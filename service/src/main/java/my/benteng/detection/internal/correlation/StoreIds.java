package my.benteng.detection.internal.correlation;

import my.benteng.detection.internal.sigma.CorrelationState;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names of keys and distinct values in a shared store: 128 bits of SHA-256 in hex, the same on every node. A plain hash
 * and not a keyed one, because every node must name the same key without a key of their own to agree on, and nothing it
 * hides is secret: group-by values and counted values are audit fields, masked or keyed hashes already. 128 bits keep
 * collisions out of reach, so nobody can choose values that merge two keys or hide distinct values of a spray.
 */
final class StoreIds {

    private StoreIds() {
    }

    /** The correlation rule's id and its group-by values, each length-prefixed so that parts cannot slide into each other. */
    static String key(CorrelationState.Key key) {
        MessageDigest sha = sha256();
        part(sha, key.correlation());
        for (String v : key.values()) {
            part(sha, v);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    static String member(String member) {
        MessageDigest sha = sha256();
        part(sha, member);
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static void part(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(b.length).array());
        sha.update(b);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
