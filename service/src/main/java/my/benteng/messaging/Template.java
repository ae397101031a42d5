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

    /**
     * A one-time code: {@code code} ({@link OtpCode}) valid for {@code minutes} ({@link Minutes}). At most once: a
     * code is worthless minutes later and the person asks for a new one, while a duplicate costs an SMS and looks
     * like bombing.
     */
    OTP_CODE(true, DeliverySemantics.AT_MOST_ONCE, "code", OtpCode.class, "minutes", Minutes.class),
    /**
     * Acknowledges a helpdesk request: {@code reference} ({@link TicketReference}). At least once: without it the
     * person has no reference to follow up with; a second receipt is harmless.
     */
    HELPDESK_ACKNOWLEDGEMENT(false, DeliverySemantics.AT_LEAST_ONCE, "reference", TicketReference.class),
    /**
     * A helpdesk agent's reply: {@code reference} ({@link TicketReference}) and the agent's {@code text}
     * ({@link AgentReplyText}), sent by the helpdesk only to a ticket's verified contact. At least once: a lost
     * answer leaves the person waiting; the same answer twice does not harm.
     */
    HELPDESK_AGENT_REPLY(false, DeliverySemantics.AT_LEAST_ONCE, "reference", TicketReference.class, "text", AgentReplyText.class),
    /**
     * Tells a casual contact to check their risk status in the app; no parameters. At least once: a missed exposure
     * notice is a public-health failure, a duplicate only repeats the same advice.
     */
    CONTACT_NOTIFICATION(false, DeliverySemantics.AT_LEAST_ONCE);

    private final boolean securityCritical;
    private final DeliverySemantics delivery;
    private final Map<String, Class<? extends TemplateValue>> parameters;

    @SuppressWarnings("unchecked")
    Template(boolean securityCritical, DeliverySemantics delivery, Object... nameTypePairs) {
        this.securityCritical = securityCritical;
        this.delivery = delivery;
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

    /** What happens to a message of this template whose delivery became uncertain (see {@link DeliverySemantics}). */
    public DeliverySemantics delivery() {
        return delivery;
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
