package my.benteng.messaging;

import my.benteng.platform.InvalidValueException;

import java.util.regex.Pattern;

/** A helpdesk ticket reference, {@code HD-} and eight upper-case letters or digits, e.g. {@code HD-7K3Q9XZ2}. */
public record TicketReference(String value) implements TemplateValue {

    private static final Pattern FORM = Pattern.compile("HD-[A-Z0-9]{8}");

    public TicketReference {
        // length first: the pattern never sees oversized input
        if (value == null || value.length() != 11 || !FORM.matcher(value).matches()) {
            throw new InvalidValueException("reference", "must have the form HD-XXXXXXXX (upper-case letters and digits)");
        }
    }

    public static TicketReference of(String value) {
        return new TicketReference(value);
    }

    @Override
    public String text() {
        return value;
    }
}
