package my.benteng.shield;

import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;

import java.util.Objects;

/**
 * Where a code would go: a phone number (SMS) or an e-mail address. {@link #toString()} is masked, so a
 * destination may appear in logs and audit subjects as it is.
 */
public sealed interface Destination {

    /** Canonical form for keyed hashing ({@code tel:+60123456789}, {@code mailto:a@example.my}). Personal data. */
    String canonical();

    /** A phone number that may receive SMS. */
    record Phone(PhoneNumber number) implements Destination {
        public Phone {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public String canonical() {
            return "tel:" + number.e164();
        }

        @Override
        public String toString() {
            return number.toString();
        }
    }

    /** An e-mail address. */
    record Email(EmailAddress address) implements Destination {
        public Email {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String canonical() {
            return "mailto:" + address.value();
        }

        @Override
        public String toString() {
            return address.toString();
        }
    }
}
