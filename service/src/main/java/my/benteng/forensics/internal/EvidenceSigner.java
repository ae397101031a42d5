package my.benteng.forensics.internal;

import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Signs evidence reports with Ed25519 (Tink), from a 32-byte seed. A signature, not an HMAC: a court, a relying party's
 * lawyer or another agency verifies with the public key alone (with {@code openssl pkeyutl}) and cannot forge a report.
 * The seed never leaves this object: no getter, no toString, no exception that carries it.
 */
public final class EvidenceSigner {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING }. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final Ed25519Sign signer;
    private final byte[] publicKey;
    private final String keyId;

    public EvidenceSigner(byte[] seed) {
        try {
            Ed25519Sign.KeyPair pair = Ed25519Sign.KeyPair.newKeyPairFromSeed(seed);
            this.signer = new Ed25519Sign(pair.getPrivateKey());
            this.publicKey = pair.getPublicKey();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("the forensics signing key is not a 32-byte Ed25519 seed");
        }
        this.keyId = HexFormat.of().formatHex(sha256(spki()), 0, 8);
    }

    /** The detached signature of {@code message} (64 bytes). */
    public byte[] sign(byte[] message) {
        try {
            return signer.sign(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an evidence report with key " + keyId);
        }
    }

    /** Whether {@code signature} is this key's signature over {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        try {
            new Ed25519Verify(publicKey).verify(signature, message);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Short hash of the public key: names the key in reports. */
    public String keyId() {
        return keyId;
    }

    /** The public key as a PEM SubjectPublicKeyInfo, what {@code openssl pkeyutl -verify -pubin} reads. */
    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(spki()) + "\n-----END PUBLIC KEY-----\n";
    }

    private byte[] spki() {
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + publicKey.length);
        System.arraycopy(publicKey, 0, der, SPKI_PREFIX.length, publicKey.length);
        return der;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "EvidenceSigner[keyId=" + keyId + "]";
    }
}
