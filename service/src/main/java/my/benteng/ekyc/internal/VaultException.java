package my.benteng.ekyc.internal;

/** A vault operation failed: wrong key, tampered or swapped ciphertext, missing blob. Carries no data. */
public class VaultException extends RuntimeException {

    public VaultException(String message) {
        super(message, null, false, false);
    }

    public VaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
