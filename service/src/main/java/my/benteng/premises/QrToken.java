package my.benteng.premises;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The token inside a premises' QR code: which premises, under which key, which issue of its code, and an
 * HMAC-SHA256 tag over those (truncated to 128 bits), as 51 characters of unpadded base64url:
 * {@code format(1) | premises id(16) | key id(1) | version(4) | tag(16)}.
 * <p>A MAC rather than a signature: only this service ever verifies a code, so nobody needs a public key,
 * and verifying must be cheap enough for ten thousand check-ins a second, which one HMAC (about a
 * microsecond) is and an ECDSA/Ed25519 verification (tens of microseconds, plus a larger code) is not.
 * <p>{@link #parse} only checks the shape; whether the tag is authentic is for the premises module to say.
 */
public final class QrToken {

    /** Length of the token text. */
    public static final int LENGTH = 51;
    /** Longest input {@link #parse} looks at (a full URL with a generous origin). */
    public static final int MAX_INPUT = 512;
    /** Truncated tag length: 128 bits, so forging one takes 2^128 guesses. */
    public static final int TAG_BYTES = 16;
    static final byte FORMAT = 1;
    static final int SIGNED_BYTES = 1 + 16 + 1 + 4;
    private static final int BYTES = SIGNED_BYTES + TAG_BYTES;

    private final PremisesId premisesId;
    private final int keyId;
    private final int version;
    private final byte[] tag;

    private QrToken(PremisesId premisesId, int keyId, int version, byte[] tag) {
        this.premisesId = Objects.requireNonNull(premisesId, "premisesId");
        if (keyId < 1 || keyId > 255) {
            throw new IllegalArgumentException("key id must be 1-255");
        }
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive");
        }
        if (tag.length != TAG_BYTES) {
            throw new IllegalArgumentException("tag must be " + TAG_BYTES + " bytes");
        }
        this.keyId = keyId;
        this.version = version;
        this.tag = tag.clone();
    }

    /** A token with a freshly computed tag (the premises module's issuer calls this). */
    public static QrToken of(PremisesId premisesId, int keyId, int version, byte[] tag) {
        return new QrToken(premisesId, keyId, version, tag);
    }

    /** The bytes the tag covers, for a premises id, key id and version. */
    public static byte[] signedBytes(PremisesId premisesId, int keyId, int version) {
        return ByteBuffer.allocate(SIGNED_BYTES).put(FORMAT).putLong(premisesId.mostSignificantBits())
                .putLong(premisesId.leastSignificantBits()).put((byte) keyId).putInt(version).array();
    }

    /**
     * Reads a token, or a URL whose last path segment after {@code /c/} is one. Empty for anything else
     * (too long, wrong alphabet, wrong length, unknown format): the caller answers every such input alike.
     */
    public static Optional<QrToken> parse(String input) {
        if (input == null || input.length() > MAX_INPUT) {
            return Optional.empty();
        }
        String text = input;
        int marker = input.lastIndexOf("/c/");
        if (marker >= 0) {
            text = input.substring(marker + 3);
        }
        if (text.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = text.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return Optional.empty();
            }
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // non-canonical encodings (stray low bits in the last character) would give one token many spellings
        if (bytes.length != BYTES || !Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.get() != FORMAT) {
            return Optional.empty();
        }
        PremisesId premises = PremisesId.of(b.getLong(), b.getLong());
        int keyId = b.get() & 0xff;
        int version = b.getInt();
        byte[] tag = new byte[TAG_BYTES];
        b.get(tag);
        if (keyId < 1 || version < 1) {
            return Optional.empty();
        }
        return Optional.of(new QrToken(premises, keyId, version, tag));
    }

    public PremisesId premisesId() {
        return premisesId;
    }

    public int keyId() {
        return keyId;
    }

    public int version() {
        return version;
    }

    /** The bytes this token's tag should cover. */
    public byte[] signedBytes() {
        return signedBytes(premisesId, keyId, version);
    }

    /** Compares the tag with the expected one in constant time (no early exit that times how much matched). */
    public boolean tagEquals(byte[] expected) {
        return MessageDigest.isEqual(tag, expected);
    }

    /** The 51-character token text. */
    public String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                ByteBuffer.allocate(BYTES).put(signedBytes()).put(tag).array());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QrToken t && t.premisesId.equals(premisesId) && t.keyId == keyId && t.version == version
                && Arrays.equals(t.tag, tag);
    }

    @Override
    public int hashCode() {
        return Objects.hash(premisesId, keyId, version);
    }

    /** The tag stays out of logs. */
    @Override
    public String toString() {
        return "QrToken[premises=" + premisesId + ", key=" + keyId + ", version=" + version + "]";
    }
}
