package my.benteng.messaging.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.PlatformProperties;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
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

    static RecipientHasher create(MessagingProperties properties, PlatformProperties platform, SecureRandom random) {
        if (!properties.recipientKey().isBlank()) {
            return new RecipientHasher(properties.recipientKey().getBytes(StandardCharsets.UTF_8));
        }
        return new RecipientHasher(localKey(platform.dataDir().resolve(KEY_FILE), random));
    }

    /** Embedded default only (the production check demands a configured key): made once, kept under the data dir. */
    private static synchronized byte[] localKey(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] key = new byte[32];
            random.nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the recipient key file", e);
        }
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
