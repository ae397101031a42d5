package my.benteng.platform;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * HMAC-SHA256 under one key: the one place the service computes a keyed hash (stored hashes of codes, tokens and
 * contacts, QR tags, proof-of-work and partner signatures, watermark key streams). Keyed rather than a plain hash
 * wherever the input is guessable (a phone number is a small space): without the deployment key it cannot be
 * enumerated.
 * <p>Two forms. {@link #mac(byte[])} and {@link #hex(String)} hash the message exactly, for outputs whose bytes are a
 * contract with the outside (printed QR codes, partner signatures, proof-of-work challenges, watermarks).
 * {@link #hex(String, String...)} is domain-separated: a label naming what is hashed, then each part, so that a hash made
 * for one purpose never equals one made for another and parts cannot slide into each other. New uses take that form.
 * <p>Immutable and thread-safe; each call clones an initialised prototype instead of looking the algorithm up again.
 * The key is never printed: not by {@code toString()}, not in an exception.
 * <p>Contacts are hashed one way only, {@link #contact(String, Contact)}: the domain-separated form over the contact's
 * {@link Contact#identity()}.
 */
public final class KeyedHash {

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_PART_BYTES = 0xFFFF;

    private final SecretKeySpec key;
    /**
     * Initialised once and never updated itself: only its clones compute, so sharing it across threads is safe. Null when
     * the provider cannot clone a {@code Mac}; then each call makes and initialises its own.
     */
    private final Mac prototype;

    /**
     * @throws IllegalArgumentException for a null or empty key (the message never holds key material)
     */
    public KeyedHash(byte[] key) {
        if (key == null || key.length == 0) {
            throw new IllegalArgumentException("a keyed hash needs a non-empty key");
        }
        this.key = new SecretKeySpec(key, ALGORITHM); // copies the bytes: a caller wiping or reusing its array changes nothing
        Mac mac = newMac(this.key);
        this.prototype = canClone(mac) ? mac : null;
    }

    /** HMAC-SHA256 of exactly these bytes: 32 bytes. */
    public byte[] mac(byte[] message) {
        Objects.requireNonNull(message, "message");
        return mac().doFinal(message);
    }

    /**
     * Lower-case hex of the HMAC-SHA256 of the message's UTF-8 bytes, exactly: 64 characters. A call with one argument
     * lands here, not in the labelled form.
     */
    public String hex(String message) {
        Objects.requireNonNull(message, "message");
        return HexFormat.of().formatHex(mac(message.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The keyed hash of a contact for one use ({@code label}, e.g. {@code shield.destination}): {@code hex(label,
     * contact.identity())}. Every stored contact hash is made here, so one contact has one form in every module, and the
     * label keeps one module's hashes from matching another's even under a shared key.
     */
    public String contact(String label, Contact contact) {
        return hex(label, Objects.requireNonNull(contact, "contact").identity());
    }

    /**
     * Domain-separated: lower-case hex of the HMAC-SHA256 of the label and then each part, each written as its length in
     * UTF-8 bytes (2 bytes, big-endian) followed by those bytes.
     *
     * @throws IllegalArgumentException when the label or a part is longer than 65,535 UTF-8 bytes (its length would not
     *                                  fit the prefix, and two different inputs could then hash alike)
     */
    public String hex(String label, String... parts) {
        Objects.requireNonNull(label, "label");
        Mac mac = mac();
        update(mac, label);
        for (String part : parts) {
            update(mac, Objects.requireNonNull(part, "part"));
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private static void update(Mac mac, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_PART_BYTES) {
            throw new IllegalArgumentException("a part of a keyed hash is longer than 65535 bytes");
        }
        mac.update((byte) (bytes.length >>> 8));
        mac.update((byte) bytes.length);
        mac.update(bytes);
    }

    private Mac mac() {
        if (prototype != null) {
            try {
                return (Mac) prototype.clone();
            } catch (CloneNotSupportedException e) {
                // cloned once in the constructor, so not expected; fall through to a new instance
            }
        }
        return newMac(key);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        } catch (InvalidKeyException e) {
            // without the cause: a provider's message might describe the key
            throw new IllegalArgumentException("the key is not accepted for HmacSHA256");
        }
    }

    private static boolean canClone(Mac mac) {
        try {
            mac.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "KeyedHash[redacted]";
    }
}
