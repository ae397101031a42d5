package my.benteng.ekyc;

import java.io.IOException;

/**
 * Envelope encryption for other modules' personal-data evidence (a leak investigation's uploaded samples), with the
 * vault's own machinery: a fresh data key per object, wrapped by the key-encryption keys, ciphertext in the blob
 * store under a random name. Crypto-shredding is forgetting the wrapped key and deleting the blob.
 */
public interface EvidenceSealing {

    /** Where an object's ciphertext is and its wrapped data key (base64). Never printed. */
    record Sealed(String blobName, String wrappedKey) {
        @Override
        public String toString() {
            return "Sealed[" + blobName + "]";
        }
    }

    /** Encrypts {@code plaintext} bound to {@code evidenceId} (associated data); nothing is left behind on failure. */
    Sealed seal(String evidenceId, byte[] plaintext) throws IOException;

    /**
     * Decrypts what {@link #seal} made for the same id.
     *
     * @throws IllegalStateException when the key was shredded, the blob is gone or the ciphertext belongs to another id
     */
    byte[] open(String evidenceId, Sealed sealed);

    /** Deletes the ciphertext (the caller forgets the wrapped key in its own transaction first); false when already gone. */
    boolean deleteCiphertext(String blobName);
}
