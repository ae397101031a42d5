package my.benteng.helpdesk.internal;

import my.benteng.helpdesk.TicketCategory;
import my.benteng.platform.Contact;
import my.benteng.platform.EmailAddress;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.PhoneNumber;

import java.util.Locale;

/**
 * What a submitter wrote, validated: a category, a one-line subject and a message. Refusals name the field
 * and the rule, never the value (they reach problem details). The text is stored for agents and is never
 * placed in an outgoing message, so the rules here are about storage and display, not about mail safety.
 */
public record TicketInput(TicketCategory category, String subject, String message) {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_MESSAGE = 5000;

    @Override
    public String toString() {
        return "TicketInput[category=" + category + ", subject=" + subject.length() + " chars, message=" + message.length() + " chars]";
    }

    /** @throws InvalidValueException naming the first field that breaks its rule */
    public static TicketInput parse(String category, String subject, String message) {
        return new TicketInput(category(category), subject(subject), message(message));
    }

    static TicketCategory category(String text) {
        if (text == null || text.isEmpty() || text.length() > 16) {
            throw new InvalidValueException("category", "must be one of GENERAL, ACCOUNT, CHECK_IN, EKYC, PRIVACY");
        }
        try {
            return TicketCategory.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("category", "must be one of GENERAL, ACCOUNT, CHECK_IN, EKYC, PRIVACY");
        }
    }

    /** One line: no control character at all, so a subject can never become a header line or a log line. */
    static String subject(String text) {
        String s = bounded("subject", text, MAX_SUBJECT);
        checkCharacters("subject", s, false);
        return s;
    }

    /** Line breaks and tabs are allowed in the message; CR LF is stored as LF. */
    static String message(String text) {
        return multiline("message", text, MAX_MESSAGE);
    }

    /** An agent's internal note: the same rules as a message, refused under the field name {@code text}. */
    static String note(String text) {
        return multiline("text", text, MAX_MESSAGE);
    }

    private static String multiline(String field, String text, int max) {
        String s = bounded(field, text == null ? null : text.replace("\r\n", "\n").replace('\r', '\n'), max);
        checkCharacters(field, s, true);
        return s;
    }

    /**
     * A phone number (it starts with '+' or a digit) or an e-mail address, normalised.
     *
     * @throws InvalidValueException (field {@code contact}) when it is neither
     */
    public static Contact contact(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("contact", "is required");
        }
        if (text.length() > 320) {
            throw new InvalidValueException("contact", "is too long");
        }
        String s = text.strip();
        char first = s.charAt(0);
        try {
            if (first == '+' || (first >= '0' && first <= '9')) {
                return Contact.of(PhoneNumber.parse(s));
            }
            return Contact.of(EmailAddress.parse(s));
        } catch (InvalidValueException e) {
            throw new InvalidValueException("contact", "must be a mobile number or an e-mail address");
        }
    }

    private static String bounded(String field, String text, int max) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        String s = text.strip();
        if (s.length() > max) {
            throw new InvalidValueException(field, "must be at most " + max + " characters");
        }
        return s;
    }

    private static void checkCharacters(String field, String s, boolean lineBreaks) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean allowedBreak = lineBreaks && (c == '\n' || c == '\t');
            if (!allowedBreak && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029')) {
                throw new InvalidValueException(field, "must not contain control characters");
            }
            // bidirectional overrides make text display differently from what it is (Trojan Source)
            if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                throw new InvalidValueException(field, "must not contain bidirectional override characters");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw new InvalidValueException(field, "is not valid Unicode");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new InvalidValueException(field, "is not valid Unicode");
            }
        }
        if (s.toLowerCase(Locale.ROOT).indexOf('\ufffd') >= 0) {
            // U+FFFD is what a decoder leaves of bytes that were not UTF-8: refuse rather than store mojibake
            throw new InvalidValueException(field, "is not valid UTF-8");
        }
    }
}
