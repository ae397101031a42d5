package my.benteng.detection.internal.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What makes two matches the same alert: the rule and its group-by values. A plain SHA-256, not a keyed hash: the values
 * are masked before they get here and appear in the alert's summary anyway, so a key would hide nothing, and without
 * one the fingerprint is the same on every node and after a restart (Alertmanager sees it as a label).
 */
final class Fingerprint {

    private static final Pattern FORM = Pattern.compile("[0-9a-f]{64}");
    private static final String DOMAIN = "benteng.detection.alert.v1";

    private Fingerprint() {
    }

    /**
     * Lower-case hex SHA-256 over a version label, the rule id and each group-by field and value in field order, each
     * part prefixed by its length (4 bytes), so that parts cannot slide into each other.
     */
    static String of(String ruleId, Map<String, String> sortedGroupBy) {
        MessageDigest sha = sha256();
        part(sha, DOMAIN);
        part(sha, ruleId);
        for (var e : sortedGroupBy.entrySet()) {
            part(sha, e.getKey());
            part(sha, e.getValue());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String of(Firing firing) {
        return of(firing.ruleId(), firing.sortedGroupBy());
    }

    /** Whether {@code text} has the form of a fingerprint (64 lower-case hex digits). */
    static boolean isFingerprint(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    private static void part(MessageDigest sha, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        sha.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
