package my.benteng.audit.internal;

import my.benteng.audit.AuditCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditSigningKeyTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDefaultGeneratesAnOwnerOnlyKeyFileOnceAndReusesIt() throws Exception {
        AuditSigningKey first = AuditSigningKey.load(properties(""), dataDir, RANDOM);
        Path file = dataDir.resolve(AuditSigningKey.KEY_FILE);
        assertThat(file).exists();
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        AuditSigningKey again = AuditSigningKey.load(properties(""), dataDir, RANDOM);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        String message = AuditCheckpoint.canonicalMessage(7, "ab".repeat(32), 1L, first.keyId());
        assertThat(again.verify(first.keyId(), message, first.sign(message))).isTrue();
    }

    @Test
    void aConfiguredKeyIsUsedAndItsPublicKeyDerived() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AuditSigningKey key = AuditSigningKey.load(properties(pkcs8(pair)), dataDir, RANDOM);
        assertThat(key.keyId()).isEqualTo(AuditSigningKey.keyId(pair.getPublic())).hasSize(16);
        assertThat(key.publicKey()).isEqualTo(pair.getPublic());
        assertThat(dataDir.resolve(AuditSigningKey.KEY_FILE)).doesNotExist();
    }

    @Test
    void signaturesOverAnotherMessageOrFromAnUnknownKeyDoNotVerify() {
        AuditSigningKey key = AuditSigningKey.load(properties(""), dataDir, RANDOM);
        String message = AuditCheckpoint.canonicalMessage(7, "ab".repeat(32), 1L, key.keyId());
        String signature = key.sign(message);
        assertThat(key.verify(key.keyId(), message.replace("seq=7", "seq=8"), signature)).isFalse();
        assertThat(key.verify("0000000000000000", message, signature)).isFalse();
        assertThat(key.verify(key.keyId(), message, "not base64!")).isFalse();
    }

    @Test
    void checkpointsOfARetiredKeyStillVerifyWhenItsPublicKeyIsListed() throws Exception {
        KeyPair retired = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AuditSigningKey old = AuditSigningKey.load(properties(pkcs8(retired)), dataDir, RANDOM);
        String message = AuditCheckpoint.canonicalMessage(1, "cd".repeat(32), 2L, old.keyId());
        String signature = old.sign(message);
        AuditSigningKey current = AuditSigningKey.load(new AuditProperties("", List.of(
                Base64.getEncoder().encodeToString(retired.getPublic().getEncoded())), 1000, Duration.ofMinutes(5), 1000),
                dataDir, RANDOM);
        assertThat(current.keyId()).isNotEqualTo(old.keyId());
        assertThat(current.verify(old.keyId(), message, signature)).isTrue();
    }

    @Test
    void thePrivateKeyNeverShowsInToStringOrErrors() throws Exception {
        String secret = pkcs8(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        AuditProperties properties = properties(secret);
        assertThat(properties.toString()).doesNotContain(secret).contains("(set)");
        assertThat(AuditSigningKey.load(properties, dataDir, RANDOM).toString()).doesNotContain(secret.substring(20, 40));
        String broken = secret.substring(0, secret.length() - 8) + "AAAA";
        assertThatThrownBy(() -> AuditSigningKey.load(properties(broken), dataDir, RANDOM))
                .hasMessage("benteng.audit.signing-key is not a base64 PKCS#8 Ed25519 private key")
                .hasNoCause();
    }

    @Test
    void productionRequiresAnExplicitlyConfiguredKey() throws Exception {
        AuditConfiguration configuration = new AuditConfiguration();
        assertThat(configuration.auditProductionCheck(properties("")).problems())
                .singleElement().asString().startsWith("benteng.audit.signing-key is not set");
        String secret = pkcs8(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        assertThat(configuration.auditProductionCheck(properties(secret)).problems()).isEmpty();
    }

    private static AuditProperties properties(String signingKey) {
        return new AuditProperties(signingKey, List.of(), 1000, Duration.ofMinutes(5), 1000);
    }

    private static String pkcs8(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }
}
