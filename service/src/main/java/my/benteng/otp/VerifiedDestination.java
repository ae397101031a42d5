package my.benteng.otp;

import my.benteng.platform.EmailAddress;
import my.benteng.platform.PhoneNumber;

import java.util.Objects;

/**
 * What a redeemed verification token proves: its bearer received a code at this destination for this
 * purpose. Exactly one of {@code phone} and {@code email} is set; {@code toString()} is masked.
 */
public record VerifiedDestination(Purpose purpose, PhoneNumber phone, EmailAddress email) {

    public VerifiedDestination {
        Objects.requireNonNull(purpose, "purpose");
        if ((phone == null) == (email == null)) {
            throw new IllegalArgumentException("exactly one of phone and email");
        }
    }

    @Override
    public String toString() {
        return "VerifiedDestination[" + purpose + ", " + (phone != null ? phone : email) + "]";
    }
}
