package my.benteng.forensics.internal.pdq;

import java.util.HexFormat;

/**
 * A PDQ hash: 256 bits and the quality (0–100) of the image it was computed from.
 * <p>Bit {@code k} (0–255) is the DCT coefficient {@code k = 16·row + column} of {@link PdqHasher}; the hex form is
 * the 256-bit number written most significant bit first, as Meta's implementations print it, so {@code bits255to192}
 * is the first 16 hex digits and {@code bits63to0} the last 16.
 * <p>A perceptual hash is not a secret and identifies no one by itself; it is safe to print.
 *
 * @param bits255to192 bits 255…192
 * @param bits191to128 bits 191…128
 * @param bits127to64  bits 127…64
 * @param bits63to0    bits 63…0
 * @param quality      the gradient-based quality of the source image, 0–100: under 50 the hash is not worth matching
 */
public record PdqHash(long bits255to192, long bits191to128, long bits127to64, long bits63to0, int quality) {

    /** The number of bits of a hash. */
    public static final int BITS = 256;
    /** Meta's recommended match threshold: hashes at Hamming distance ≤ 31 are the same picture. */
    public static final int MATCH_DISTANCE = 31;
    /** Meta's recommended quality floor: hashes of quality below 50 are discarded (featureless images). */
    public static final int MIN_QUALITY = 50;

    public PdqHash {
        if (quality < 0 || quality > 100) {
            throw new IllegalArgumentException("quality must be 0-100");
        }
    }

    /** Parses the 64-hex-digit form (either case); {@code quality} is carried as given. */
    public static PdqHash fromHex(String hex, int quality) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException("a PDQ hash is 64 hex digits");
        }
        return new PdqHash(parseWord(hex, 0), parseWord(hex, 1), parseWord(hex, 2), parseWord(hex, 3), quality);
    }

    private static long parseWord(String hex, int i) {
        String part = hex.substring(16 * i, 16 * i + 16);
        for (int c = 0; c < part.length(); c++) { // parseUnsignedLong alone would accept a leading '+'
            if (Character.digit(part.charAt(c), 16) < 0) {
                throw new IllegalArgumentException("a PDQ hash is 64 hex digits");
            }
        }
        return Long.parseUnsignedLong(part, 16);
    }

    /** The 64-hex-digit form, lower case, most significant bit first. */
    public String hex() {
        HexFormat h = HexFormat.of();
        return h.toHexDigits(bits255to192) + h.toHexDigits(bits191to128) + h.toHexDigits(bits127to64) + h.toHexDigits(bits63to0);
    }

    /** The number of bits in which this hash and {@code other} differ (0–256); quality plays no part. */
    public int distance(PdqHash other) {
        return Long.bitCount(bits255to192 ^ other.bits255to192) + Long.bitCount(bits191to128 ^ other.bits191to128)
                + Long.bitCount(bits127to64 ^ other.bits127to64) + Long.bitCount(bits63to0 ^ other.bits63to0);
    }

    /** Bit {@code k}, 0–255. */
    public boolean bit(int k) {
        return (word(k >>> 6) >>> (k & 63) & 1L) != 0;
    }

    /** The 64-bit word holding bits {@code 64·w … 64·w + 63}, {@code w} 0–3. */
    public long word(int w) {
        return switch (w) {
            case 0 -> bits63to0;
            case 1 -> bits127to64;
            case 2 -> bits191to128;
            case 3 -> bits255to192;
            default -> throw new IndexOutOfBoundsException(w);
        };
    }

    /** Bits {@code 16·c … 16·c + 15} as an int 0–65535, {@code c} 0–15: the chunks of {@link PdqIndex}. */
    public int chunk16(int c) {
        return (int) (word(c >>> 2) >>> ((c & 3) << 4)) & 0xFFFF;
    }

    /** Whether the hash is good enough to match ({@link #MIN_QUALITY} or more). */
    public boolean matchable() {
        return quality >= MIN_QUALITY;
    }

    /** The same bits with another quality. */
    public PdqHash withQuality(int newQuality) {
        return new PdqHash(bits255to192, bits191to128, bits127to64, bits63to0, newQuality);
    }

    /** Builds a hash from its four words, {@code words[w]} holding bits {@code 64·w … 64·w + 63}. */
    static PdqHash ofWords(long[] words, int quality) {
        return new PdqHash(words[3], words[2], words[1], words[0], quality);
    }

    @Override
    public String toString() {
        return "PdqHash[" + hex() + ", quality " + quality + "]";
    }
}
