package my.benteng.account.internal;


import my.benteng.platform.Contact;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed hashes for unique lookups of personal identifiers. HMAC with a deployment key rather than a plain
 * hash: phone numbers are a small space, so an unkeyed hash column could be reversed by enumerating every
 * number; without the key, a copied table does not even reveal whether two deployments share a citizen.
 */
public final class ContactHasher {

    private final SecretKeySpec key;

    ContactHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The lookup hash of a contact; the channel is part of the input so that the two spaces never collide. */
    public String hash(Contact contact) {
        return hmac("contact:" + contact.channel() + ":" + contact.value());
    }

    /** The key of a staff username in the sign-in failure counter (any string, known user or not). */
    String usernameKey(String username) {
        return hmac("staff-username:" + username);
    }

    private String hmac(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable");
        }
    }

    @Override
    public String toString() {
        return "ContactHasher";
    }
}
