package my.benteng.messaging.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.LocalSecrets;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Keyed hash of a normalised recipient. HMAC rather than a plain hash: phone numbers are a small space,
 * so an unkeyed SHA-256 of one is reversed by enumeration; without the deployment key it is not.
 */
final class RecipientHasher {

    static final String KEY_FILE = "messaging-recipient.key";

    private final SecretKeySpec key;

    private RecipientHasher(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The configured key, else (embedded default only: the production check demands a configured key) the key file. */
    static RecipientHasher create(MessagingProperties properties, LocalSecrets secrets) {
        return new RecipientHasher(secrets.secretOrFileKey(properties.recipientKey(), KEY_FILE));
    }

    String hash(Contact recipient) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(normalised(recipient).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Addresses compare case-insensitively here: suppressing a little too much is the safe error. */
    private static String normalised(Contact recipient) {
        return switch (recipient) {
            case Contact.Phone p -> "sms:" + p.number().e164();
            case Contact.Email e -> "email:" + e.address().value().toLowerCase(Locale.ROOT);
        };
    }
}
