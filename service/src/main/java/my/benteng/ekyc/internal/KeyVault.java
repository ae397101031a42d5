package my.benteng.ekyc.internal;

/**
 * The key-encryption keys of the vault. Wraps per-image data keys (and small sealed values) with associated
 * data that binds each to its record; the keys themselves never leave. The default is a local Tink keyset
 * encrypted by a master key; a cloud KMS or a PKCS#11 HSM can implement the same three operations.
 */
public interface KeyVault {

    /** Encrypts {@code plaintext} under the current primary key, bound to {@code associatedData}. */
    byte[] wrap(byte[] plaintext, byte[] associatedData);

    /**
     * Decrypts what {@link #wrap} produced under any key still in the vault.
     *
     * @throws java.security.GeneralSecurityException wrapped as {@link VaultException} when the ciphertext or
     *                                                 associated data do not match
     */
    byte[] unwrap(byte[] wrapped, byte[] associatedData);

    /** Adds a new primary key; earlier keys stay for unwrapping, so everything wrapped before stays readable. */
    void rotate();

    /** Number of keys held (for operators and tests). */
    int keyCount();
}
