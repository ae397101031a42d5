package my.benteng.account;

import my.benteng.platform.InvalidValueException;

import java.util.Objects;
import java.util.regex.Pattern;

/** The opaque identifier of a citizen account (a random UUID in canonical lower-case form). */
public record CitizenId(String value) {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    public CitizenId {
        Objects.requireNonNull(value, "value");
        if (!UUID.matcher(value).matches()) {
            throw new InvalidValueException("citizenId", "is not a citizen id");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
