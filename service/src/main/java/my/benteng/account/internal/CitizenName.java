package my.benteng.account.internal;

import my.benteng.platform.InvalidValueException;

import java.text.Normalizer;

/**
 * The rules for a citizen's name as typed at sign-up. Letters and combining marks of any script, spaces,
 * and the punctuation Malaysian names use ({@code '} {@code .} {@code -}, {@code @} for aliases, {@code /} in
 * a/l, a/p); everything else, control characters first, is refused. Names reach notifications and staff
 * screens, so nothing else may pass.
 */
final class CitizenName {

    static final int MAX_LENGTH = 100;
    /** Longer input is refused before any per-character work. */
    private static final int MAX_INPUT = 4 * MAX_LENGTH;

    private CitizenName() {
    }

    /** The name in NFC with runs of spaces collapsed and the ends trimmed. */
    static String parse(String input) {
        if (input == null) {
            throw new InvalidValueException("name", "is required");
        }
        if (input.length() > MAX_INPUT) {
            throw new InvalidValueException("name", "is longer than " + MAX_LENGTH + " characters");
        }
        String name = Normalizer.normalize(input, Normalizer.Form.NFC).strip().replaceAll(" {2,}", " ");
        if (name.isEmpty()) {
            throw new InvalidValueException("name", "is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_LENGTH) {
            throw new InvalidValueException("name", "is longer than " + MAX_LENGTH + " characters");
        }
        boolean hasLetter = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean letter = Character.isLetter(cp);
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK;
            if (!letter && !mark && " '.-@/".indexOf(cp) < 0) {
                throw new InvalidValueException("name", "may contain only letters, spaces and ' . - @ /");
            }
            hasLetter |= letter;
        }
        if (!hasLetter) {
            throw new InvalidValueException("name", "must contain a letter");
        }
        return name;
    }
}
