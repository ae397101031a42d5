package my.benteng.audit.internal;

import my.benteng.audit.AuditEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A stored audit entry: the event, its place in the chain and the hashes that bind it there. */
record AuditEntry(long seq, long recordedAt, AuditEvent event, String prevHash, String hash) {

    static final String GENESIS = "0".repeat(64);

    /**
     * SHA-256 over the previous hash and a length-prefixed encoding of every field, so that no two
     * different entries encode alike and any change to any field changes the hash.
     */
    static String hash(long seq, long recordedAt, AuditEvent e, String prevHash) {
        return hash(seq, recordedAt, e.name(), e.actor(), e.subject(), e.clientIp(), e.reason(), e.outcome().name(),
                String.join(",", e.attackIds()), encodeDetails(e.details()), prevHash);
    }

    /**
     * The same hash over the columns exactly as stored. Verification uses this form, so that a stored value is
     * never normalised (as {@link AuditEvent} does) into a different one before it is hashed.
     */
    static String hash(long seq, long recordedAt, String event, String actor, String subject, String clientIp,
                       String reason, String outcome, String attackIds, String details, String prevHash) {
        StringBuilder b = new StringBuilder(256);
        field(b, prevHash);
        field(b, Long.toString(seq));
        field(b, Long.toString(recordedAt));
        field(b, event);
        field(b, actor);
        field(b, subject);
        field(b, clientIp);
        field(b, reason);
        field(b, outcome);
        field(b, attackIds);
        field(b, details);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void field(StringBuilder b, String value) {
        if (value == null) {
            b.append("-;");
        } else {
            b.append(value.length()).append(':').append(value).append(';');
        }
    }

    /** Details as stored: sorted keys, each key and value length-prefixed. */
    static String encodeDetails(Map<String, String> details) {
        StringBuilder b = new StringBuilder();
        details.forEach((k, v) -> {
            field(b, k);
            field(b, v);
        });
        return b.toString();
    }

    static Map<String, String> decodeDetails(String encoded) {
        java.util.TreeMap<String, String> map = new java.util.TreeMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return map;
        }
        List<String> parts = new java.util.ArrayList<>();
        int i = 0;
        while (i < encoded.length()) {
            if (encoded.charAt(i) == '-') {
                parts.add(null);
                i += 2;
                continue;
            }
            int colon = encoded.indexOf(':', i);
            int len = Integer.parseInt(encoded.substring(i, colon));
            parts.add(encoded.substring(colon + 1, colon + 1 + len));
            i = colon + 1 + len + 1;
        }
        for (int k = 0; k + 1 < parts.size(); k += 2) {
            map.put(parts.get(k), parts.get(k + 1));
        }
        return map;
    }
}
