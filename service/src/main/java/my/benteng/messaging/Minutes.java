package my.benteng.messaging;

import my.benteng.platform.InvalidValueException;

/** A validity period shown in a message, 1 to 10 whole minutes (one-time codes live 5 minutes). */
public record Minutes(int value) implements TemplateValue {

    public Minutes {
        if (value < 1 || value > 10) {
            throw new InvalidValueException("minutes", "must be between 1 and 10");
        }
    }

    public static Minutes of(int value) {
        return new Minutes(value);
    }

    /** @throws InvalidValueException unless the text is a number from 1 to 10 */
    public static Minutes parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 2 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("minutes", "must be a number between 1 and 10");
        }
        return new Minutes(Integer.parseInt(text));
    }

    @Override
    public String text() {
        return Integer.toString(value);
    }
}
