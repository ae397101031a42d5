package my.benteng.premises;

import my.benteng.platform.InvalidValueException;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The opaque identifier of a premises: a random UUID in canonical lower-case form. */
public record PremisesId(String value) {

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public PremisesId {
        Objects.requireNonNull(value, "value");
        if (!UUID_TEXT.matcher(value).matches()) {
            throw new InvalidValueException("premisesId", "is not a premises id");
        }
    }

    /** True when {@code text} is a well-formed premises id (for path variables that should answer 404, not 400). */
    public static boolean isValid(String text) {
        return text != null && text.length() == 36 && UUID_TEXT.matcher(text).matches();
    }

    static PremisesId of(long mostSignificant, long leastSignificant) {
        return new PremisesId(new UUID(mostSignificant, leastSignificant).toString());
    }

    long mostSignificantBits() {
        return UUID.fromString(value).getMostSignificantBits();
    }

    long leastSignificantBits() {
        return UUID.fromString(value).getLeastSignificantBits();
    }

    @Override
    public String toString() {
        return value;
    }
}
