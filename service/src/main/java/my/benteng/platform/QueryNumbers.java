package my.benteng.platform;

/**
 * Whole numbers from query parameters (a page, a page size), read strictly: digits only, at most six of them, within
 * bounds. Spring's own binding would accept signs, spaces and overflowing values and word its refusal with the input.
 */
public final class QueryNumbers {

    private QueryNumbers() {
    }

    /**
     * @param absent the value when the parameter was not given
     * @throws InvalidValueException naming the field and the rule, never the text
     */
    public static int wholeNumber(String field, String text, int absent, int min, int max) {
        if (text == null) {
            return absent;
        }
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            throw new InvalidValueException(field, "must be a whole number");
        }
        int v = Integer.parseInt(text);
        if (v < min || v > max) {
            throw new InvalidValueException(field, "must be between " + min + " and " + max);
        }
        return v;
    }
}
