package my.benteng.ekyc.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.subtle.AesGcmJce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * The default {@link KeyVault}: a Tink AES-256-GCM keyset in a local file, the file itself encrypted with a
 * master key from the environment (or LocalSecrets in the embedded default). Rotation adds a primary key and
 * keeps the old ones, so Tink's key-id prefix picks the right key for everything wrapped before.
 */
public final class LocalKeyVault implements KeyVault {

    private static final byte[] FILE_AD = "benteng-ekyc-kek-keyset-v1".getBytes(StandardCharsets.UTF_8);

    static {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Path file;
    private final Aead master;
    private volatile KeysetHandle keyset;
    private volatile Aead aead;

    public LocalKeyVault(Path file, byte[] masterKey) {
        this.file = file;
        try {
            this.master = new AesGcmJce(masterKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ekyc master key is not a 256-bit AES key");
        }
        load();
    }

    private synchronized void load() {
        try {
            KeysetHandle handle;
            if (Files.exists(file)) {
                handle = TinkProtoKeysetFormat.parseEncryptedKeyset(Files.readAllBytes(file), master, FILE_AD);
            } else {
                handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                save(handle);
            }
            use(handle);
        } catch (GeneralSecurityException e) {
            // the message names the file, never key material; a wrong master key lands here
            throw new IllegalStateException("cannot decrypt the eKYC keyset " + file.getFileName() + " with the configured master key");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the eKYC keyset " + file.getFileName(), e);
        }
    }

    private void use(KeysetHandle handle) throws GeneralSecurityException {
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        this.keyset = handle;
    }

    private void save(KeysetHandle handle) throws GeneralSecurityException, IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".keyset", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not POSIX: the data directory's permissions must do
        }
        Files.write(tmp, TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, master, FILE_AD));
        // atomic replace: a crash mid-rotation leaves the old keyset, never half a file
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public byte[] wrap(byte[] plaintext, byte[] associatedData) {
        try {
            return aead.encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new VaultException("wrap failed");
        }
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] associatedData) {
        try {
            return aead.decrypt(wrapped, associatedData);
        } catch (GeneralSecurityException e) {
            throw new VaultException("unwrap failed: wrong key, associated data or tampered ciphertext");
        }
    }

    @Override
    public synchronized void rotate() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset);
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().makePrimary());
            KeysetHandle rotated = builder.build();
            save(rotated);
            use(rotated);
        } catch (GeneralSecurityException e) {
            throw new VaultException("rotation failed");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the eKYC keyset", e);
        }
    }

    @Override
    public int keyCount() {
        return keyset.size();
    }

    @Override
    public String toString() {
        return "LocalKeyVault[" + file.getFileName() + ", keys=" + keyCount() + "]";
    }
}
