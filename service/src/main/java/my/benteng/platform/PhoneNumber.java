package my.benteng.platform;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.Objects;

/**
 * A telephone number that libphonenumber accepts as valid, held in E.164 form. It says nothing about
 * whether the number may receive a message: that is the shield's destination policy. {@link #toString()}
 * is masked so that a number never ends up whole in a log line or an exception.
 */
public final class PhoneNumber {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Longer input is refused before parsing: no real number is this long, and parsing cost stays bounded. */
    private static final int MAX_INPUT_LENGTH = 32;

    private final String e164;
    private final String region;
    private final PhoneNumberType type;

    private PhoneNumber(String e164, String region, PhoneNumberType type) {
        this.e164 = e164;
        this.region = region;
        this.type = type;
    }

    /**
     * Parses a number as a person would type it; a number without a country code is read as Malaysian.
     *
     * @throws InvalidValueException when the input is not a valid number
     */
    public static PhoneNumber parse(String input) {
        return parse(input, "MY");
    }

    public static PhoneNumber parse(String input, String defaultRegion) {
        if (input == null || input.isBlank()) {
            throw new InvalidValueException("phone", "is required");
        }
        if (input.length() > MAX_INPUT_LENGTH) {
            throw new InvalidValueException("phone", "is too long");
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            // only what people type into a phone field; letters (vanity numbers) and control characters are refused
            if (!(Character.isDigit(c) && c < 128) && " +-().".indexOf(c) < 0) {
                throw new InvalidValueException("phone", "may contain only digits, spaces, '+', '-', '(', ')' and '.'");
            }
        }
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(input, defaultRegion);
            if (!UTIL.isValidNumber(parsed)) {
                throw new InvalidValueException("phone", "is not a valid telephone number");
            }
            return new PhoneNumber(UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164),
                    UTIL.getRegionCodeForNumber(parsed), UTIL.getNumberType(parsed));
        } catch (NumberParseException e) {
            throw new InvalidValueException("phone", "is not a telephone number");
        }
    }

    /** E.164 form, e.g. {@code +60123456789}. Personal data: do not log it. */
    public String e164() {
        return e164;
    }

    /** ISO 3166 region of the number, e.g. {@code MY}. */
    public String region() {
        return region;
    }

    /** libphonenumber's number type (mobile, fixed line, premium rate, VoIP, ...). */
    public PhoneNumberType type() {
        return type;
    }

    /** The first {@code digits} digits after the '+', for prefix counters and registry entries. */
    public String prefix(int digits) {
        String d = e164.substring(1);
        return d.substring(0, Math.min(digits, d.length()));
    }

    /** Masked: country code and two leading digits, last two digits, e.g. {@code +6012*****89}. */
    @Override
    public String toString() {
        int keepHead = Math.min(5, e164.length() - 2);
        return e164.substring(0, keepHead) + "*".repeat(e164.length() - keepHead - 2) + e164.substring(e164.length() - 2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PhoneNumber other && e164.equals(other.e164);
    }

    @Override
    public int hashCode() {
        return Objects.hash(e164);
    }
}
