package my.benteng.shield.internal;

import my.benteng.platform.Contact;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed hash of a destination. HMAC rather than a plain hash: phone numbers are few enough to hash them
 * all, so without a key a leaked table or Redis dump would give every number back.
 */
class DestinationHasher {

    private final SecretKeySpec key;

    DestinationHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String hash(Contact destination) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(destination.canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
