package my.benteng.premises.internal;

import my.benteng.platform.KeyedHash;
import my.benteng.premises.PremisesId;
import my.benteng.premises.QrToken;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Issues and authenticates QR tokens with a ring of HMAC-SHA256 keys. New codes use the current key; a code
 * verifies while the key it names is still in the ring, so keys rotate without reprinting every poster at once.
 * Whether the code is the premises' current issue is checked against the database, not here.
 */
public final class QrCodes {

    private final int currentKeyId;
    private final Map<Integer, KeyedHash> keys;

    public QrCodes(int currentKeyId, Map<Integer, byte[]> keys) {
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalArgumentException("no key for the current key id");
        }
        Map<Integer, KeyedHash> hashes = new HashMap<>();
        keys.forEach((id, key) -> {
            if (key.length < 32) {
                throw new IllegalArgumentException("QR keys must hold at least 256 bits");
            }
            hashes.put(id, new KeyedHash(key));
        });
        this.currentKeyId = currentKeyId;
        this.keys = Map.copyOf(hashes);
    }

    /** A code for this issue of the premises' QR, under the current key. */
    public QrToken issue(PremisesId premises, int version) {
        return QrToken.of(premises, currentKeyId, version, tag(keys.get(currentKeyId), QrToken.signedBytes(premises, currentKeyId, version)));
    }

    /** Whether the token's tag is what its key would give: false for an unknown or removed key id. */
    public boolean authentic(QrToken token) {
        KeyedHash key = keys.get(token.keyId());
        return key != null && token.tagEquals(tag(key, token.signedBytes()));
    }

    /** The exact form: these bytes are printed on posters, so they never change. */
    private static byte[] tag(KeyedHash key, byte[] data) {
        return Arrays.copyOf(key.mac(data), QrToken.TAG_BYTES);
    }
}
