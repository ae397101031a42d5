package my.benteng.ekyc.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeCipherTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private final byte[] master = key();

    private LocalKeyVault vault() {
        return new LocalKeyVault(dir.resolve("kek.keyset"), master);
    }

    private EnvelopeCipher cipher(KeyVault vault) {
        return new EnvelopeCipher(vault, new FilesystemBlobStore(dir.resolve("blobs"), RANDOM));
    }

    @Test
    void roundTripsLargeImagesAndStoresOnlyCiphertext() throws IOException {
        EnvelopeCipher cipher = cipher(vault());
        byte[] image = new byte[3 * 1024 * 1024 + 17]; // several streaming segments
        RANDOM.nextBytes(image);
        System.arraycopy("SYNTHETIC-CARD-PIXELS".getBytes(StandardCharsets.US_ASCII), 0, image, 0, 21);
        EnvelopeCipher.Sealed sealed = cipher.seal("image-1", image);
        assertThat(sealed.blobName()).matches("[0-9a-f]{32}");
        byte[] stored = Files.readAllBytes(dir.resolve("blobs").resolve(sealed.blobName()));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("SYNTHETIC-CARD-PIXELS");
        assertThat(cipher.open("image-1", sealed)).isEqualTo(image);
    }

    @Test
    void eachImageGetsItsOwnDataKey() throws IOException {
        EnvelopeCipher cipher = cipher(vault());
        byte[] image = "same pixels".getBytes(StandardCharsets.UTF_8);
        EnvelopeCipher.Sealed a = cipher.seal("a", image);
        EnvelopeCipher.Sealed b = cipher.seal("b", image);
        assertThat(a.wrappedKey()).isNotEqualTo(b.wrappedKey());
        assertThat(a.blobName()).isNotEqualTo(b.blobName());
    }

    @Test
    void swappingCiphertextsBetweenTwoRecordsFails() throws IOException {
        EnvelopeCipher cipher = cipher(vault());
        EnvelopeCipher.Sealed a = cipher.seal("record-a-image", "pixels of A".getBytes(StandardCharsets.UTF_8));
        EnvelopeCipher.Sealed b = cipher.seal("record-b-image", "pixels of B".getBytes(StandardCharsets.UTF_8));
        // B's blob under A's key
        assertThatThrownBy(() -> cipher.open("record-a-image", new EnvelopeCipher.Sealed(b.blobName(), a.wrappedKey())))
                .isInstanceOf(VaultException.class);
        // B's blob and key presented as A's record: the associated data (the id) does not match
        assertThatThrownBy(() -> cipher.open("record-a-image", b)).isInstanceOf(VaultException.class);
        assertThat(cipher.open("record-b-image", b)).isEqualTo("pixels of B".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tamperedCiphertextFails() throws IOException {
        EnvelopeCipher cipher = cipher(vault());
        EnvelopeCipher.Sealed a = cipher.seal("x", new byte[100_000]);
        Path blob = dir.resolve("blobs").resolve(a.blobName());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        assertThatThrownBy(() -> cipher.open("x", a)).isInstanceOf(VaultException.class);
    }

    @Test
    void rotationKeepsOldImagesReadableAndSurvivesARestart() throws IOException {
        LocalKeyVault vault = vault();
        EnvelopeCipher cipher = cipher(vault);
        EnvelopeCipher.Sealed before = cipher.seal("old", "old pixels".getBytes(StandardCharsets.UTF_8));
        vault.rotate();
        assertThat(vault.keyCount()).isEqualTo(2);
        EnvelopeCipher.Sealed after = cipher.seal("new", "new pixels".getBytes(StandardCharsets.UTF_8));
        // new keys wrap under the new primary (a different Tink key id prefix)
        assertThat(Arrays.copyOfRange(after.wrappedKey(), 0, 5)).isNotEqualTo(Arrays.copyOfRange(before.wrappedKey(), 0, 5));
        LocalKeyVault reloaded = vault(); // another node or a restart reads the rotated file
        EnvelopeCipher again = cipher(reloaded);
        assertThat(again.open("old", before)).isEqualTo("old pixels".getBytes(StandardCharsets.UTF_8));
        assertThat(again.open("new", after)).isEqualTo("new pixels".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shreddingTheDataKeyMakesTheImageUnreadable() throws IOException {
        EnvelopeCipher cipher = cipher(vault());
        EnvelopeCipher.Sealed a = cipher.seal("gone", "pixels".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> cipher.open("gone", new EnvelopeCipher.Sealed(a.blobName(), null))).isInstanceOf(VaultException.class);
    }

    @Test
    void theKeysetFileIsUselessWithoutTheMasterKey() throws IOException {
        vault().wrap(new byte[]{1}, new byte[0]);
        byte[] file = Files.readAllBytes(dir.resolve("kek.keyset"));
        assertThat(file.length).isGreaterThan(0);
        assertThatThrownBy(() -> new LocalKeyVault(dir.resolve("kek.keyset"), key()))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining(java.util.Base64.getEncoder().encodeToString(master));
    }

    @Test
    void blobNamesNeverComeFromCallers() {
        FilesystemBlobStore store = new FilesystemBlobStore(dir.resolve("blobs"), RANDOM);
        assertThatThrownBy(() -> store.open("../kek.keyset")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("0123456789abcdef0123456789ABCDEF")).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] key() {
        byte[] k = new byte[32];
        RANDOM.nextBytes(k);
        return k;
    }
}
