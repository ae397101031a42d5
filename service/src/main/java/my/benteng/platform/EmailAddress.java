package my.benteng.platform;

import java.net.IDN;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An e-mail address restricted to the form mail really uses: a dot-atom local part (ASCII) and a domain
 * name, international domains converted to their ASCII (punycode) form. Quoted local parts, comments,
 * IP-literal domains, whitespace and control characters are refused, so an address can never smuggle
 * a CR/LF or a second recipient into a mail header. {@link #toString()} is masked.
 */
public final class EmailAddress {

    /** RFC 5321 limits: 64 octets local part, 254 for the whole path. */
    private static final int MAX_LOCAL = 64;
    private static final int MAX_TOTAL = 254;
    private static final int MAX_INPUT = 320;
    private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

    private final String local;
    private final String domain;

    private EmailAddress(String local, String domain) {
        this.local = local;
        this.domain = domain;
    }

    /**
     * @throws InvalidValueException when the input is not an address of the accepted form
     */
    public static EmailAddress parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidValueException("email", "is required");
        }
        if (input.length() > MAX_INPUT) {
            throw new InvalidValueException("email", "is too long");
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            // CR, LF, NUL and every other control or space character: the header-injection alphabet
            if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                throw new InvalidValueException("email", "must not contain spaces or control characters");
            }
        }
        int at = input.lastIndexOf('@');
        if (at <= 0 || at == input.length() - 1 || input.indexOf('@') != at) {
            throw new InvalidValueException("email", "must have the form name@domain");
        }
        String local = input.substring(0, at);
        String domainInput = input.substring(at + 1);
        if (local.length() > MAX_LOCAL || !LOCAL.matcher(local).matches()) {
            throw new InvalidValueException("email", "has an invalid part before '@'");
        }
        String domain;
        try {
            // IDN.toASCII refuses labels that are not valid IDNA; USE_STD3_ASCII_RULES refuses the rest of the junk
            domain = IDN.toASCII(domainInput, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("email", "has an invalid domain");
        }
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2 || domain.length() > 253) {
            throw new InvalidValueException("email", "has an invalid domain");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidValueException("email", "has an invalid domain");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("email", "has an invalid domain");
        }
        if (local.length() + 1 + domain.length() > MAX_TOTAL) {
            throw new InvalidValueException("email", "is too long");
        }
        return new EmailAddress(local, domain);
    }

    /** The address in ASCII form, domain lower-cased. Personal data: do not log it. */
    public String value() {
        return local + "@" + domain;
    }

    /** The ASCII (punycode) domain, lower case. */
    public String domain() {
        return domain;
    }

    /** Masked: first character of the local part and the top-level domain, e.g. {@code a***@***.my}. */
    @Override
    public String toString() {
        return local.charAt(0) + "***@***" + domain.substring(domain.lastIndexOf('.'));
    }

    @Override
    public boolean equals(Object o) {
        // local parts are case-sensitive in theory; treating them so is the safe reading for delivery
        return o instanceof EmailAddress other && local.equals(other.local) && domain.equals(other.domain);
    }

    @Override
    public int hashCode() {
        return Objects.hash(local, domain);
    }
}
