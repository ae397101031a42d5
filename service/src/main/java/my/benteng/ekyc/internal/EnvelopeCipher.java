package my.benteng.ekyc.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Envelope encryption of image bytes: a fresh data key per image (Tink streaming AEAD AES256_GCM_HKDF_1MB —
 * segmented, so megabyte images do not go through one-shot GCM), the image id as associated data, the data
 * key wrapped by the {@link KeyVault} with the same id, and the ciphertext in the {@link BlobStore}.
 */
public final class EnvelopeCipher {

    static {
        try {
            StreamingAeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Where an image's ciphertext is and its wrapped data key. */
    public record Sealed(String blobName, byte[] wrappedKey) {
        @Override
        public String toString() {
            return "Sealed[" + blobName + "]";
        }
    }

    private final KeyVault vault;
    private final BlobStore blobs;

    public EnvelopeCipher(KeyVault vault, BlobStore blobs) {
        this.vault = vault;
        this.blobs = blobs;
    }

    public Sealed seal(String imageId, byte[] plaintext) throws IOException {
        byte[] ad = associatedData(imageId);
        try {
            KeysetHandle dataKey = KeysetHandle.generateNew(PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB);
            StreamingAead aead = dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            // the serialised data key exists only in memory, only until it is wrapped
            byte[] wrapped = vault.wrap(TinkProtoKeysetFormat.serializeKeyset(dataKey, InsecureSecretKeyAccess.get()), ad);
            String name = blobs.create(out -> {
                try (OutputStream enc = aead.newEncryptingStream(out, ad)) {
                    enc.write(plaintext);
                } catch (GeneralSecurityException e) {
                    throw new IOException("encryption failed", e);
                }
            });
            return new Sealed(name, wrapped);
        } catch (GeneralSecurityException e) {
            throw new VaultException("cannot create a data key");
        }
    }

    /**
     * Decrypts; fails when the key was shredded, the blob is gone, or the ciphertext or key belong to another
     * image id (associated data).
     */
    public byte[] open(String imageId, Sealed sealed) {
        if (sealed.wrappedKey() == null) {
            throw new VaultException("data key destroyed");
        }
        byte[] ad = associatedData(imageId);
        try {
            KeysetHandle dataKey = TinkProtoKeysetFormat.parseKeyset(vault.unwrap(sealed.wrappedKey(), ad), InsecureSecretKeyAccess.get());
            StreamingAead aead = dataKey.getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            try (InputStream raw = blobs.open(sealed.blobName()); InputStream in = aead.newDecryptingStream(raw, ad)) {
                return in.readAllBytes();
            }
        } catch (GeneralSecurityException | IOException e) {
            throw new VaultException("cannot decrypt the image");
        }
    }

    private static byte[] associatedData(String imageId) {
        return ("benteng-ekyc-image:" + imageId).getBytes(StandardCharsets.UTF_8);
    }
}
