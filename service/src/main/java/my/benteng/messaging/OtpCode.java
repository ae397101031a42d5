package my.benteng.messaging;

import my.benteng.platform.InvalidValueException;

/** A one-time code as shown to its recipient: 4 to 8 ASCII digits. {@code toString()} hides it. */
public final class OtpCode implements TemplateValue {

    private final String digits;

    private OtpCode(String digits) {
        this.digits = digits;
    }

    /** @throws InvalidValueException (field {@code code}) unless the input is 4 to 8 ASCII digits */
    public static OtpCode of(String digits) {
        if (digits == null || digits.length() < 4 || digits.length() > 8 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("code", "must be 4 to 8 digits");
        }
        return new OtpCode(digits);
    }

    @Override
    public String text() {
        return digits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtpCode other && digits.equals(other.digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return "OtpCode[******]";
    }
}
