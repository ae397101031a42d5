package my.benteng.platform;

import java.text.Normalizer;
import java.util.function.Function;

/**
 * The one rule for a person's name as typed (a citizen at sign-up, the dependants checked in with them): letters
 * and combining marks of any script, spaces, and the punctuation Malaysian names use ({@code '} {@code .}
 * {@code -}, {@code @} for aliases, {@code /} in a/l, a/p); everything else, control characters first, is refused.
 * Names reach notifications and staff screens, so nothing else may pass. Each caller words its own refusal.
 */
public final class PersonName {

    /** Why a name was refused. */
    public enum Problem {
        /** Absent, or nothing left after trimming. */
        EMPTY,
        /** More code points than allowed (or input so long it is refused before any per-character work). */
        TOO_LONG,
        /** A character outside letters, marks, spaces and {@code ' . - @ /}. */
        CHARACTER,
        /** Punctuation and spaces only. */
        NO_LETTER
    }

    private PersonName() {
    }

    /**
     * The name in NFC with runs of spaces collapsed and the ends trimmed.
     *
     * @param refusal the exception to throw for a problem, worded for the caller's field
     */
    public static String parse(String input, int maxLength, Function<Problem, InvalidValueException> refusal) {
        if (input == null) {
            throw refusal.apply(Problem.EMPTY);
        }
        if (input.length() > 4 * maxLength) { // bounded work: refused before normalising
            throw refusal.apply(Problem.TOO_LONG);
        }
        String name = Normalizer.normalize(input, Normalizer.Form.NFC).strip().replaceAll(" {2,}", " ");
        if (name.isEmpty()) {
            throw refusal.apply(Problem.EMPTY);
        }
        if (name.codePointCount(0, name.length()) > maxLength) {
            throw refusal.apply(Problem.TOO_LONG);
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
                throw refusal.apply(Problem.CHARACTER);
            }
            hasLetter |= letter;
        }
        if (!hasLetter) {
            throw refusal.apply(Problem.NO_LETTER);
        }
        return name;
    }
}
