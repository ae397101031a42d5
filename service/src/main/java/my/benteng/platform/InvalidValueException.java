package my.benteng.platform;

/**
 * A value object refused its input. The message names the field and the rule that failed, never the
 * value itself: these messages reach problem details and logs, and the value may be hostile or personal.
 */
public class InvalidValueException extends IllegalArgumentException {

    private final String field;
    private final String rule;

    public InvalidValueException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
        this.rule = rule;
    }

    /** The rule the value broke, written for the client (never the value). */
    public String rule() {
        return rule;
    }

    /** The name of the field or parameter that was refused. */
    public String field() {
        return field;
    }
}
