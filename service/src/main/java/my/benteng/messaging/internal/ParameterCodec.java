package my.benteng.messaging.internal;

import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.messaging.TemplateValue;
import my.benteng.messaging.TicketReference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores parameters as {@code name=value;name=value}. Safe without escaping because every value type
 * admits only letters, digits and '-'; decoding re-validates each value through its type anyway.
 */
final class ParameterCodec {

    private ParameterCodec() {
    }

    static String encode(TemplateParameters parameters) {
        StringBuilder b = new StringBuilder();
        parameters.values().forEach((name, value) -> {
            if (!b.isEmpty()) {
                b.append(';');
            }
            b.append(name).append('=').append(value.text());
        });
        return b.toString();
    }

    static TemplateParameters decode(Template template, String stored) {
        Map<String, TemplateValue> values = new LinkedHashMap<>();
        if (stored != null && !stored.isEmpty()) {
            for (String pair : stored.split(";")) {
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq);
                values.put(name, parse(template.parameters().get(name), pair.substring(eq + 1)));
            }
        }
        TemplateParameters parameters = TemplateParameters.of(values);
        template.validate(parameters);
        return parameters;
    }

    private static TemplateValue parse(Class<? extends TemplateValue> type, String text) {
        if (type == OtpCode.class) {
            return OtpCode.of(text);
        }
        if (type == Minutes.class) {
            return Minutes.parse(text);
        }
        if (type == TicketReference.class) {
            return TicketReference.of(text);
        }
        throw new IllegalStateException("stored parameter does not belong to the template");
    }
}
