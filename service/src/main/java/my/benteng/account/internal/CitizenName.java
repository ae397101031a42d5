package my.benteng.account.internal;

import my.benteng.platform.InvalidValueException;
import my.benteng.platform.PersonName;

/** A citizen's name as typed at sign-up, under the platform's one {@link PersonName} rule, worded for the field {@code name}. */
final class CitizenName {

    static final int MAX_LENGTH = 100;

    private CitizenName() {
    }

    /** The name in NFC with runs of spaces collapsed and the ends trimmed. */
    static String parse(String input) {
        return PersonName.parse(input, MAX_LENGTH, problem -> new InvalidValueException("name", switch (problem) {
            case EMPTY -> "is required";
            case TOO_LONG -> "is longer than " + MAX_LENGTH + " characters";
            case CHARACTER -> "may contain only letters, spaces and ' . - @ /";
            case NO_LETTER -> "must contain a letter";
        }));
    }
}
