package my.benteng.account;

import java.util.Objects;

/**
 * What a redeemed verification token proves: the holder received a code at {@code contact}, for
 * {@code purpose}.
 */
public record VerifiedContact(Contact contact, Purpose purpose) {

    public VerifiedContact {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(purpose, "purpose");
    }

    public ContactChannel channel() {
        return contact.channel();
    }
}
