package my.benteng.messaging.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.KeyedHash;
import my.benteng.platform.LocalSecrets;

import java.util.List;
import java.util.Locale;

/**
 * Keyed hash of a recipient. HMAC rather than a plain hash: phone numbers are a small space, so an unkeyed SHA-256 of
 * one is reversed by enumeration; without the deployment key it is not.
 * <p>Two forms. {@link #hash} is the one every module hashes contacts in, and what new outbox rows and suppressions
 * store. {@link #legacyHash} is what was stored before: suppressions are kept by hash of an address that asked to stop,
 * and the address itself was never kept, so they cannot be rewritten and the legacy form is checked for as long as
 * they exist (for ever).
 */
final class RecipientHasher {

    static final String KEY_FILE = "messaging-recipient.key";
    /** The label of the messaging module's recipient hashes ({@link KeyedHash#contact}). */
    static final String LABEL = "messaging.recipient";

    private final KeyedHash key;

    private RecipientHasher(byte[] key) {
        this.key = new KeyedHash(key);
    }

    /** The configured key, else (embedded default only: the production check demands a configured key) the key file. */
    static RecipientHasher create(MessagingProperties properties, LocalSecrets secrets) {
        return new RecipientHasher(secrets.secretOrFileKey(properties.recipientKey(), KEY_FILE));
    }

    /** The current form. */
    String hash(Contact recipient) {
        return key.contact(LABEL, recipient);
    }

    /**
     * The form stored before {@link #hash}: {@code sms:<E.164>} or {@code email:<address, lower-cased>}, hashed exactly.
     * Addresses compared without regard to case already then: suppressing a little too much is the safe error.
     */
    String legacyHash(Contact recipient) {
        return key.hex(switch (recipient) {
            case Contact.Phone p -> "sms:" + p.number().e164();
            case Contact.Email e -> "email:" + e.address().value().toLowerCase(Locale.ROOT);
        });
    }

    /** Every form a stored hash of this recipient may be in: the current one first. */
    List<String> forms(Contact recipient) {
        return List.of(hash(recipient), legacyHash(recipient));
    }
}
