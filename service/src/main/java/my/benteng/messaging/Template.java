package my.benteng.messaging;

import my.benteng.platform.InvalidValueException;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fixed messages Benteng can send. Their text lives on the server (Malay and English) and each
 * declares exactly which typed parameters it takes; nothing else can reach a recipient.
 */
public enum Template {

    /** A one-time code: {@code code} ({@link OtpCode}) valid for {@code minutes} ({@link Minutes}). */
    OTP_CODE(true, "code", OtpCode.class, "minutes", Minutes.class),
    /** Acknowledges a helpdesk request: {@code reference} ({@link TicketReference}). */
    HELPDESK_ACKNOWLEDGEMENT(false, "reference", TicketReference.class),
    /**
     * A helpdesk agent's reply: {@code reference} ({@link TicketReference}) and the agent's {@code text}
     * ({@link AgentReplyText}), sent by the helpdesk only to a ticket's verified contact.
     */
    HELPDESK_AGENT_REPLY(false, "reference", TicketReference.class, "text", AgentReplyText.class),
    /** Tells a casual contact to check their risk status in the app; no parameters. */
    CONTACT_NOTIFICATION(false);

    private final boolean securityCritical;
    private final Map<String, Class<? extends TemplateValue>> parameters;

    @SuppressWarnings("unchecked")
    Template(boolean securityCritical, Object... nameTypePairs) {
        this.securityCritical = securityCritical;
        LinkedHashMap<String, Class<? extends TemplateValue>> map = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            map.put((String) nameTypePairs[i], (Class<? extends TemplateValue>) nameTypePairs[i + 1]);
        }
        this.parameters = Collections.unmodifiableMap(map);
    }

    /**
     * Security-critical messages (one-time codes) reach suppressed recipients too: a user who opted out
     * of notices must still be able to sign in. They never bypass the spend cap.
     */
    public boolean securityCritical() {
        return securityCritical;
    }

    /** The declared parameter names and types, in the order they appear. */
    public Map<String, Class<? extends TemplateValue>> parameters() {
        return parameters;
    }

    /**
     * Checks that exactly the declared parameters are given, each with its declared type.
     *
     * @throws InvalidValueException naming the first parameter that is missing, unexpected or of the wrong type
     */
    public void validate(TemplateParameters given) {
        for (Map.Entry<String, Class<? extends TemplateValue>> declared : parameters.entrySet()) {
            TemplateValue value = given.values().get(declared.getKey());
            if (value == null) {
                throw new InvalidValueException(declared.getKey(), "is required by template " + name());
            }
            if (!declared.getValue().isInstance(value)) {
                throw new InvalidValueException(declared.getKey(), "must be a " + declared.getValue().getSimpleName());
            }
        }
        for (String name : given.values().keySet()) {
            if (!parameters.containsKey(name)) {
                throw new InvalidValueException(name, "is not a parameter of template " + name());
            }
        }
    }
}
