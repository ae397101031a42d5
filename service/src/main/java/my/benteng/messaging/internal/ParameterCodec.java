package my.benteng.messaging.internal;

import my.benteng.messaging.AgentReplyText;
import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.messaging.TemplateValue;
import my.benteng.messaging.TicketReference;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores parameters as {@code name=value;name=value}. Safe without escaping because every value type but
 * one admits only letters, digits and '-'; an agent's reply text is stored as base64url of its UTF-8, so it
 * cannot contain the separators either. Decoding re-validates each value through its type.
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
            String text = value instanceof AgentReplyText
                    ? Base64.getUrlEncoder().withoutPadding().encodeToString(value.text().getBytes(StandardCharsets.UTF_8))
                    : value.text();
            b.append(name).append('=').append(text);
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
        if (type == AgentReplyText.class) {
            try {
                return AgentReplyText.of(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new my.benteng.platform.InvalidValueException("text", "is not stored as base64url");
            }
        }
        throw new IllegalStateException("stored parameter does not belong to the template");
    }
}
