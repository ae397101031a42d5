package my.benteng.checkin.internal;

import my.benteng.platform.InvalidValueException;

import java.text.Normalizer;
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
        if (input == null || input.length() > 4 * MAX_LENGTH) {
            throw new InvalidValueException("dependants", "names must be 1-" + MAX_LENGTH + " characters");
        }
        String name = Normalizer.normalize(input, Normalizer.Form.NFC).strip().replaceAll(" {2,}", " ");
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InvalidValueException("dependants", "names must be 1-" + MAX_LENGTH + " characters");
        }
        boolean hasLetter = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean letter = Character.isLetter(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
            if (!letter && !mark && " '.-@/".indexOf(cp) < 0) {
                throw new InvalidValueException("dependants", "names may contain only letters, spaces and ' . - @ /");
            }
            hasLetter |= letter;
        }
        if (!hasLetter) {
            throw new InvalidValueException("dependants", "names must contain a letter");
        }
        return name;
    }
}
