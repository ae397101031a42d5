package my.benteng.checkin.internal;

import my.benteng.platform.InvalidValueException;
import my.benteng.platform.PersonName;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of dependants (children, elderly parents) checked in with a citizen: at most {@value #MAX_COUNT}, each
 * under the same rules as a citizen's name (letters and marks of any script, spaces, {@code ' . - @ /}).
 */
final class DependantNames {

    static final int MAX_COUNT = 10;
    static final int MAX_LENGTH = 100;

    private DependantNames() {
    }

    static List<String> parse(List<String> input) {
        if (input == null) {
            return List.of();
        }
        if (input.size() > MAX_COUNT) {
            throw new InvalidValueException("dependants", "has more than " + MAX_COUNT + " names");
        }
        List<String> names = new ArrayList<>(input.size());
        for (String raw : input) {
            names.add(name(raw));
        }
        return List.copyOf(names);
    }

    private static String name(String input) {
        return PersonName.parse(input, MAX_LENGTH, problem -> new InvalidValueException("dependants", switch (problem) {
            case EMPTY, TOO_LONG -> "names must be 1-" + MAX_LENGTH + " characters";
            case CHARACTER -> "names may contain only letters, spaces and ' . - @ /";
            case NO_LETTER -> "names must contain a letter";
        }));
    }
}
