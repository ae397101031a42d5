package my.benteng.account;

import my.benteng.platform.Channel;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;

import java.util.Objects;

/**
 * A phone number or an e-mail address that a person proved they own. Exactly one of {@code phone} and
 * {@code email} is set, matching {@code channel}. {@link #toString()} is masked.
 */
public record Contact(Channel channel, PhoneNumber phone, EmailAddress email) {

    public Contact {
        Objects.requireNonNull(channel, "channel");
        if ((channel == Channel.SMS) != (phone != null) || (channel == Channel.EMAIL) != (email != null)) {
            throw new IllegalArgumentException("a contact holds exactly the value of its channel");
        }
    }

    public static Contact of(PhoneNumber phone) {
        return new Contact(Channel.SMS, Objects.requireNonNull(phone, "phone"), null);
    }

    public static Contact of(EmailAddress email) {
        return new Contact(Channel.EMAIL, null, Objects.requireNonNull(email, "email"));
    }

    /** The normalised value (E.164 or ASCII e-mail address). Personal data: do not log it. */
    public String value() {
        return channel == Channel.SMS ? phone.e164() : email.value();
    }

    /** Masked, e.g. {@code SMS:+6012*****89}. */
    @Override
    public String toString() {
        return channel + ":" + (channel == Channel.SMS ? phone : email);
    }
}
