package my.benteng.account;

import my.benteng.platform.Contact;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Read access to citizen accounts for other modules (premises owners, eKYC consent, check-in). */
public interface Citizens {

    Optional<Citizen> find(CitizenId id);

    /**
     * The contact on the account, the only place a consent or sign-in code for this citizen may go; empty
     * for an unknown id.
     */
    Optional<Contact> contactOf(CitizenId id);

    /** The citizen who registered this contact, looked up by its keyed hash. */
    Optional<Citizen> findByContact(Contact contact);

    /** The citizens with these ids that exist, by id: a few statements for many ids (batches of cases, notifications). */
    Map<CitizenId, Citizen> findAll(Collection<CitizenId> ids);

    /** The citizens who registered these contacts, by contact (keyed hashes, a few statements for many contacts). */
    Map<Contact, Citizen> findAllByContact(Collection<Contact> contacts);

    /**
     * The citizen who registered this contact, or a new account for it named {@code name} when there is none
     * (the caller must just have redeemed a verification token for the contact, e.g. a premises owner).
     * Audited as {@code user_created} when an account is created; a parallel creation for the same contact
     * yields the one account that won.
     *
     * @throws my.benteng.platform.InvalidValueException when a new account is needed and {@code name} is not a valid name
     */
    Citizen findOrRegister(VerifiedContact contact, String name);
}
