package my.benteng.account;

import my.benteng.platform.Channel;
import my.benteng.platform.Contact;

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

    public Channel channel() {
        return contact.channel();
    }
}
