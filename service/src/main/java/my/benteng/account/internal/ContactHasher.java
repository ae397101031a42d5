package my.benteng.account.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.KeyedHash;

/**
 * Keyed hashes for unique lookups of personal identifiers. HMAC with a deployment key rather than a plain
 * hash: phone numbers are a small space, so an unkeyed hash column could be reversed by enumerating every
 * number; without the key, a copied table does not even reveal whether two deployments share a citizen.
 */
public final class ContactHasher {

    /** The label of the account's contact hashes ({@link KeyedHash#contact}). */
    static final String LABEL = "account.contact";

    private final KeyedHash key;

    ContactHasher(byte[] key) {
        this.key = new KeyedHash(key);
    }

    /** The lookup hash of a contact, in the one form every module hashes contacts in. */
    public String hash(Contact contact) {
        return key.contact(LABEL, contact);
    }

    /**
     * The form citizen rows were stored in before {@link #hash}: the exact value (an e-mail's local part with its case)
     * after the channel. Lookups still match it until {@link CitizenContactRehash} has rewritten every such row.
     */
    String legacyHash(Contact contact) {
        return key.hex("contact:" + contact.channel() + ":" + contact.value());
    }

    /** The key of a staff username in the sign-in failure counter (any string, known user or not). */
    String usernameKey(String username) {
        // the old bytes on purpose: the failure counter has no window, so a new form would lift every lockout in place
        return key.hex("staff-username:" + username);
    }

    @Override
    public String toString() {
        return "ContactHasher";
    }
}
