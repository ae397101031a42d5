package my.benteng.shield.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.KeyedHash;

/**
 * Keyed hash of a destination. HMAC rather than a plain hash: phone numbers are few enough to hash them
 * all, so without a key a leaked table or Redis dump would give every number back.
 * <p>{@link #hash} is the platform's one contact form ({@link KeyedHash#contact}), so case variants of one e-mail inbox
 * are one destination. Until V36 the shield wrote {@link #legacyHash} (the HMAC of the canonical form, nothing else);
 * what it stored then cannot be rewritten (it holds no contact in clear), so {@link HashUpgrade} says for how long it is
 * still read.
 */
class DestinationHasher {

    /** The domain-separation label: no other module's contact hash equals the shield's, even under a shared key. */
    static final String LABEL = "shield.destination";
    /** The audit detail (and domain-separation label) of the subject hash that detection groups by. */
    static final String SUBJECT_LABEL = "detection.subject";

    private final KeyedHash keyed;

    DestinationHasher(byte[] key) {
        this.keyed = new KeyedHash(key);
    }

    /** The form every key and row of the shield is written in. */
    String hash(Contact destination) {
        return keyed.contact(LABEL, destination);
    }

    /**
     * The keyed hash the shield's audit entries carry under {@link #SUBJECT_LABEL}, so that detection rules group by who
     * an event is about without the number: masked numbers are not unique (+6012*****89 is many people), the number
     * itself must never reach audit, alerts or fingerprints, and a different label from the state's keys means an audit
     * reader cannot match an entry to a row of the shield's state.
     */
    String subject(Contact destination) {
        return keyed.contact(SUBJECT_LABEL, destination);
    }

    /** The form written before V36: read (never written) where state of that time may still count. */
    String legacyHash(Contact destination) {
        return keyed.hex(destination.canonical());
    }
}
