package my.benteng.messaging;

import my.benteng.platform.InvalidValueException;

/**
 * Free text that a signed-in helpdesk agent wrote as a reply to a ticket: the one template value that is not
 * a narrow alphabet, deliberately. It does not reopen the hole of incident 2 (outsiders' text mailed to
 * outsiders' addresses) because (1) only the helpdesk module constructs it, from the agent-reply path behind
 * staff authentication with password + TOTP and role {@code HELPDESK_AGENT} (enforced by
 * {@code HelpdeskReplyArchitectureTest}), (2) the helpdesk sends it only to a ticket contact that was proven
 * with a code or belongs to the signed-in account, with a per-agent rate limit and an audit event, and
 * (3) the text itself cannot break out of the message: at most {@value #MAX_LENGTH} characters, no control
 * characters but line feeds (CR is normalised away, so no header can be folded open), no unpaired surrogates
 * or bidirectional overrides, it never reaches the subject, and the HTML part escapes it like every value.
 * {@code toString()} hides it.
 */
public final class AgentReplyText implements TemplateValue {

    /** Long enough for a useful answer, short enough that a reply is not a newsletter. */
    public static final int MAX_LENGTH = 2000;

    private final String text;

    private AgentReplyText(String text) {
        this.text = text;
    }

    /**
     * @throws InvalidValueException (field {@code text}) when the text is blank, too long or carries control,
     *                               unpaired surrogate or bidirectional-override characters
     */
    public static AgentReplyText of(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("text", "is required");
        }
        // length first: nothing below walks oversized input
        if (text.length() > MAX_LENGTH * 2) {
            throw new InvalidValueException("text", "must be at most " + MAX_LENGTH + " characters");
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n').strip();
        if (normalised.length() > MAX_LENGTH) {
            throw new InvalidValueException("text", "must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < normalised.length(); i++) {
            char c = normalised.charAt(i);
            if (c != '\n' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                throw new InvalidValueException("text", "must not contain control characters");
            }
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                throw new InvalidValueException("text", "must not contain bidirectional override characters");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= normalised.length() || !Character.isLowSurrogate(normalised.charAt(i + 1))) {
                    throw new InvalidValueException("text", "is not valid Unicode");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidValueException("text", "is not valid Unicode");
            }
        }
        return new AgentReplyText(normalised);
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentReplyText other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "AgentReplyText[" + text.length() + " chars]";
    }
}
