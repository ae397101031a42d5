package my.benteng.platform;

/**
 * A value object refused its input. The message names the field and the rule that failed, never the
 * value itself: these messages reach problem details and logs, and the value may be hostile or personal.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;

    public InvalidValueException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    /** The name of the field or parameter that was refused. */
    public String field() {
        return field;
    }
}
