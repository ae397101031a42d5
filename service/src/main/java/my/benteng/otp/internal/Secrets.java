package my.benteng.otp.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.KeyedHash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** HMAC-SHA256 under the otp pepper: codes, tokens and destinations are stored only in this form. */
final class Secrets {

    private static final String DESTINATION = "destination";

    private final KeyedHash hash;

    Secrets(byte[] pepper) {
        this.hash = new KeyedHash(pepper);
    }

    /** The domain-separated form ({@link KeyedHash#hex(String, String...)}): what is stored in otp's tables. */
    String mac(String label, String... parts) {
        return hash.hex(label, parts);
    }

    /**
     * A destination's hash as it is written ({@link KeyedHash#contact}, so case variants of one inbox are one destination),
     * and every form its codes, failures and locks may be stored in: also the form written before, over the canonical
     * form as given ({@code mac("destination", canonical)}). The two differ only for an e-mail address with capitals.
     * Read in both forms always: the rows live a day at most and the second form costs one HMAC, where a cut-over date
     * would need state of its own.
     */
    DestinationHashes destination(Contact destination) {
        String current = hash.contact(DESTINATION, destination);
        String legacy = mac(DESTINATION, destination.canonical());
        return new DestinationHashes(current, legacy.equals(current) ? List.of(current) : List.of(current, legacy));
    }

    /**
     * @param current the form written
     * @param forms   every form read: {@code current} first, then the older form where it differs
     */
    record DestinationHashes(String current, List<String> forms) {

        DestinationHashes {
            forms = List.copyOf(forms);
        }

        /** Also {@code stored} (the hash a row was written with), if it is not one of these. */
        DestinationHashes with(String stored) {
            if (forms.contains(stored)) {
                return this;
            }
            List<String> all = new java.util.ArrayList<>(forms);
            all.add(stored);
            return new DestinationHashes(current, all);
        }
    }

    /** Constant-time comparison, so response time does not reveal how much of a guess was right. */
    static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "Secrets[redacted]";
    }
}
