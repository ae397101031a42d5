package my.benteng.shield.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import my.benteng.platform.Contact;

import java.util.ArrayList;
import java.util.List;

/**
 * The levels of the number space a phone number belongs to, widest first: the country calling code, the operator
 * range (country code plus the national destination code, where libphonenumber can tell it: {@code 60-12} for a
 * Celcom-range Malaysian mobile), and the 5-, 6- and 7-digit prefixes. A pumping attacker who spreads over many
 * 7-digit prefixes still concentrates at one of the wider levels.
 */
final class NumberRanges {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Scope of the whole SMS channel's first codes. */
    static final String GLOBAL = "global";

    private NumberRanges() {
    }

    /** The scopes of {@code destination}, widest first; the first is always {@link #GLOBAL}. E-mail has only that one. */
    static List<String> scopes(Contact destination) {
        List<String> scopes = new ArrayList<>(6);
        scopes.add(GLOBAL);
        if (!(destination instanceof Contact.Phone phone)) {
            return scopes;
        }
        String e164 = phone.number().e164();
        String digits = e164.substring(1);
        try {
            Phonenumber.PhoneNumber parsed = UTIL.parse(e164, null);
            String cc = Integer.toString(parsed.getCountryCode());
            scopes.add("cc:" + cc);
            int ndc = UTIL.getLengthOfNationalDestinationCode(parsed);
            String national = UTIL.getNationalSignificantNumber(parsed);
            if (ndc > 0 && ndc < national.length()) {
                scopes.add("range:" + cc + "-" + national.substring(0, ndc));
            }
        } catch (NumberParseException e) {
            // PhoneNumber accepted it, so this does not happen; the prefixes below still describe the number
        }
        for (int n = 5; n <= 7; n++) {
            if (digits.length() > n) {
                scopes.add("p" + n + ":" + digits.substring(0, n));
            }
        }
        return scopes;
    }
}
