package my.benteng.premises.internal;

import my.benteng.platform.InvalidValueException;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * The rules for the free text of a premises (name, address). Names are printed on posters and shown to
 * everyone who checks in, so only letters and marks of any script, digits, spaces and the punctuation of
 * shop names and addresses pass; control characters (CR/LF first), angle brackets and quotes do not.
 */
final class PremisesText {

    static final int MAX_NAME = 120;
    static final int MAX_ADDRESS = 300;
    private static final Pattern POSTCODE = Pattern.compile("[0-9]{5}");

    private PremisesText() {
    }

    static String name(String input) {
        return text("name", input, MAX_NAME, " '.-&@/(),#+:!");
    }

    static String address(String input) {
        return text("address", input, MAX_ADDRESS, " '.-&@/(),#+:;");
    }

    static String postcode(String input) {
        if (input == null) {
            throw new InvalidValueException("postcode", "is required");
        }
        if (input.length() != 5 || !POSTCODE.matcher(input).matches()) {
            throw new InvalidValueException("postcode", "must be 5 digits");
        }
        return input;
    }

    private static String text(String field, String input, int max, String punctuation) {
        if (input == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (input.length() > 4 * max) {
            throw new InvalidValueException(field, "is longer than " + max + " characters");
        }
        if (input.chars().anyMatch(Character::isISOControl)) { // before stripping: a trailing CR/LF or tab is refused too
            throw new InvalidValueException(field, "must not contain control characters");
        }
        String value = Normalizer.normalize(input, Normalizer.Form.NFC).strip().replaceAll(" {2,}", " ");
        if (value.isEmpty()) {
            throw new InvalidValueException(field, "is required");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new InvalidValueException(field, "is longer than " + max + " characters");
        }
        boolean hasLetterOrDigit = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean letterOrDigit = Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER;
            boolean mark = type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
            if (!letterOrDigit && !mark && punctuation.indexOf(cp) < 0) {
                throw new InvalidValueException(field, "may contain only letters, digits, spaces and " + punctuation.strip());
            }
            hasLetterOrDigit |= letterOrDigit;
        }
        if (!hasLetterOrDigit) {
            throw new InvalidValueException(field, "must contain a letter or digit");
        }
        return value;
    }
}
