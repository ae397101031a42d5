package my.benteng.audit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ed25519 key that signs checkpoints, and the public keys that verify them. A signature rather than an
 * HMAC: whoever verifies (an auditor, an operator with a copied checkpoint) needs only the public key and
 * cannot forge checkpoints with it. The private key never leaves this object: no getter, no toString, and
 * no exception message or cause that could carry key bytes.
 */
final class AuditSigningKey {

    static final String KEY_FILE = "audit-ed25519.key";
    private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);

    private final PrivateKey privateKey;
    private final String keyId;
    private final Map<String, PublicKey> verificationKeys;

    private AuditSigningKey(KeyPair pair, List<PublicKey> previous) {
        this.privateKey = pair.getPrivate();
        this.keyId = keyId(pair.getPublic());
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        keys.put(keyId, pair.getPublic());
        previous.forEach(k -> keys.putIfAbsent(keyId(k), k));
        this.verificationKeys = Map.copyOf(keys);
    }

    /** The configured key, or the embedded default: a key file under the data directory, made on first start. */
    static AuditSigningKey load(AuditProperties properties, Path dataDir, SecureRandom random) {
        List<PublicKey> previous = properties.previousPublicKeys().stream().map(AuditSigningKey::publicKey).toList();
        if (properties.signingKeyConfigured()) {
            return new AuditSigningKey(keyPair(properties.signingKey(), "benteng.audit.signing-key"), previous);
        }
        Path file = dataDir.resolve(KEY_FILE);
        AuditSigningKey key = new AuditSigningKey(fromFile(file, random), previous);
        log.info("Audit checkpoints are signed with the generated key {} in {}", key.keyId(), file.toAbsolutePath());
        return key;
    }

    /** Short hash of the public key: names the key in checkpoints without revealing anything. */
    static String keyId(PublicKey key) {
        return HexFormat.of().formatHex(sha256(key.getEncoded()), 0, 8);
    }

    String keyId() {
        return keyId;
    }

    PublicKey publicKey() {
        return verificationKeys.get(keyId);
    }

    String sign(String message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(privateKey);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign an audit checkpoint with key " + keyId);
        }
    }

    /** False for an unknown key id, a malformed signature or one that does not verify. */
    boolean verify(String keyId, String message, String signatureBase64) {
        PublicKey key = keyId == null ? null : verificationKeys.get(keyId.strip());
        if (key == null || signatureBase64 == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(signatureBase64.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "AuditSigningKey[keyId=" + keyId + "]";
    }

    private static KeyPair fromFile(Path file, SecureRandom random) {
        try {
            if (!Files.exists(file)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                generator.initialize(NamedParameterSpec.ED25519, random);
                String encoded = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded());
                try {
                    writeOwnerOnly(file, encoded);
                    log.warn("Generated a new audit signing key in {}; configure benteng.audit.signing-key in production",
                            file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: use theirs, so that one key signs this data directory
                }
            }
            return keyPair(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the audit signing key file " + file.toAbsolutePath(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys");
        }
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * Parses a PKCS#8 Ed25519 private key and derives its public key: the JDK has no direct call for that, so
     * the key pair generator is fed the private key's 32-byte seed as its "random" input, and the result is
     * checked with a signature round trip. Error messages name the source, never the content.
     */
    private static KeyPair keyPair(String base64Pkcs8, String source) {
        try {
            PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64Pkcs8)));
            byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
                    .orElseThrow(() -> new IllegalStateException("the key in " + source + " cannot be exported"));
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedSeed(seed));
            KeyPair pair = generator.generateKeyPair();
            Arrays.fill(seed, (byte) 0);
            byte[] probe = "benteng-audit-key-check".getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(probe);
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(pair.getPublic());
            verifier.update(probe);
            if (!verifier.verify(signer.sign())) {
                throw new IllegalStateException("cannot derive the public key of the audit signing key in " + source);
            }
            return new KeyPair(pair.getPublic(), privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(source + " is not a base64 PKCS#8 Ed25519 private key");
        }
    }

    private static PublicKey publicKey(String base64X509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64X509.strip())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("benteng.audit.previous-public-keys holds a value that is not a base64 X.509 Ed25519 public key");
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands the key pair generator a fixed seed, so that it recomputes the public key of a known private key. */
    private static final class FixedSeed extends SecureRandom {
        private final byte[] seed;

        FixedSeed(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("unexpected Ed25519 seed length");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
