package my.benteng.otp.internal;

import my.benteng.platform.KeyedHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** HMAC-SHA256 under the otp pepper: codes, tokens and destinations are stored only in this form. */
final class Secrets {

    private final KeyedHash hash;

    Secrets(byte[] pepper) {
        this.hash = new KeyedHash(pepper);
    }

    /** The domain-separated form ({@link KeyedHash#hex(String, String...)}): what is stored in otp's tables. */
    String mac(String label, String... parts) {
        return hash.hex(label, parts);
    }

    /** Constant-time comparison, so response time does not reveal how much of a guess was right. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Secrets[redacted]";
    }
}
