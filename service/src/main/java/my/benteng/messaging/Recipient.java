package my.benteng.messaging;

import my.benteng.platform.Channel;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;

import java.util.Objects;

/**
 * Where a message goes: a phone number (SMS) or an e-mail address (e-mail). Both are validated value
 * objects, so a recipient can never carry a second address or a header; {@code toString()} is masked.
 */
public sealed interface Recipient {

    Channel channel();

    static Recipient of(PhoneNumber phone) {
        return new Phone(phone);
    }

    static Recipient of(EmailAddress email) {
        return new Email(email);
    }

    /** An SMS recipient. */
    record Phone(PhoneNumber number) implements Recipient {
        public Phone {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public Channel channel() {
            return Channel.SMS;
        }

        @Override
        public String toString() {
            return number.toString();
        }
    }

    /** An e-mail recipient. */
    record Email(EmailAddress address) implements Recipient {
        public Email {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }
}
