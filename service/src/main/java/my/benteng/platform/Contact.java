package my.benteng.platform;

import java.util.Objects;

/**
 * A phone number or an e-mail address: where a code or a message goes, and what a person proves they own with one.
 * Every module uses this one type from the request to the outbox; both values are validated value objects, so a
 * contact can never carry a second address or a header.
 * <p>{@link #canonical()} and {@link #value()} are personal data: never log them, put them in an exception or a
 * problem detail. {@link #toString()} ({@code SMS:+6012*****89}) and {@link #masked()} ({@code +6012*****89}) are
 * masked and may appear in logs and audit records. Both forms are already stored and must not change: the
 * account's and helpdesk's audit records and API answers show {@code toString()}, the shield's audit subjects and
 * the outbox's {@code recipient_masked} column show {@code masked()}.
 */
public sealed interface Contact permits Contact.Phone, Contact.Email {

    static Contact of(PhoneNumber number) {
        return new Phone(number);
    }

    static Contact of(EmailAddress address) {
        return new Email(address);
    }

    /**
     * Parses {@code value} as a contact of {@code channel}: a phone number (Malaysian unless it has a country code)
     * or an e-mail address.
     *
     * @throws InvalidValueException when the value is not a valid number or address (the message never echoes it)
     */
    static Contact parse(Channel channel, String value) {
        Objects.requireNonNull(channel, "channel");
        return switch (channel) {
            case SMS -> of(PhoneNumber.parse(value));
            case EMAIL -> of(EmailAddress.parse(value));
        };
    }

    /** How a message reaches this contact. */
    Channel channel();

    /**
     * The canonical form for keyed hashing and storage: {@code tel:+60123456789} or {@code mailto:a@example.my}.
     * Personal data: do not log it.
     */
    String canonical();

    /** The normalised value: the E.164 number or the ASCII address. Personal data: do not log it. */
    String value();

    /**
     * The form in which two contacts are the same one, and the only form a contact is keyed-hashed in (see
     * {@link KeyedHash#contact}): {@link #canonical()}, with an e-mail address wholly lower-cased. Mail providers treat the
     * local part without regard to case, so without this {@code Siti@…} and {@code siti@…} would be two contacts and
     * case variants of one inbox would each get their own per-contact limits. Personal data: do not log it.
     */
    default String identity() {
        return canonical();
    }

    /** The masked value, e.g. {@code +6012*****89} or {@code a***@***.my}. */
    String masked();

    /** A mobile number, reached by SMS. */
    record Phone(PhoneNumber number) implements Contact {
        public Phone {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public Channel channel() {
            return Channel.SMS;
        }

        @Override
        public String canonical() {
            return "tel:" + number.e164();
        }

        @Override
        public String value() {
            return number.e164();
        }

        @Override
        public String masked() {
            return number.toString();
        }

        /** Masked, with the channel: {@code SMS:+6012*****89}. */
        @Override
        public String toString() {
            return channel() + ":" + masked();
        }
    }

    /** An e-mail address, reached by e-mail. */
    record Email(EmailAddress address) implements Contact {
        public Email {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public Channel channel() {
            return Channel.EMAIL;
        }

        @Override
        public String canonical() {
            return "mailto:" + address.value();
        }

        @Override
        public String value() {
            return address.value();
        }

        @Override
        public String identity() {
            return canonical().toLowerCase(java.util.Locale.ROOT); // ASCII only (EmailAddress refuses the rest)
        }

        @Override
        public String masked() {
            return address.toString();
        }

        /** Masked, with the channel: {@code EMAIL:a***@***.my}. */
        @Override
        public String toString() {
            return channel() + ":" + masked();
        }
    }
}
