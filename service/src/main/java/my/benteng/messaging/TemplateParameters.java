package my.benteng.messaging;

import my.benteng.platform.InvalidValueException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The named, typed values for one message. Whether they fit a template (exactly the declared names with
 * the declared types) is checked by {@link Template#validate(TemplateParameters)} when the message is
 * enqueued. {@code toString()} shows names only: values such as codes must not reach a log.
 */
public final class TemplateParameters {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    private static final TemplateParameters NONE = new TemplateParameters(Map.of());

    private final Map<String, TemplateValue> values;

    private TemplateParameters(Map<String, TemplateValue> values) {
        this.values = values;
    }

    public static TemplateParameters none() {
        return NONE;
    }

    public static TemplateParameters of(String name, TemplateValue value) {
        return of(Map.of(name, value));
    }

    public static TemplateParameters of(String name1, TemplateValue value1, String name2, TemplateValue value2) {
        LinkedHashMap<String, TemplateValue> map = new LinkedHashMap<>();
        map.put(name1, value1);
        map.put(name2, value2);
        return of(map);
    }

    /** @throws InvalidValueException when a name is malformed or a value is missing */
    public static TemplateParameters of(Map<String, ? extends TemplateValue> values) {
        LinkedHashMap<String, TemplateValue> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new InvalidValueException("parameters", "a parameter name is malformed");
            }
            if (value == null) {
                throw new InvalidValueException(name, "is required");
            }
            copy.put(name, value);
        });
        return new TemplateParameters(Collections.unmodifiableMap(copy));
    }

    public Map<String, TemplateValue> values() {
        return values;
    }

    @Override
    public String toString() {
        return "TemplateParameters" + values.keySet();
    }
}
