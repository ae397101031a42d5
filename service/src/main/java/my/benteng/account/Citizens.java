package my.benteng.account;

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
}
