package my.benteng.audit;

/**
 * A signed statement that the chain's entry {@code seq} had hash {@code hash} at {@code signedAt} (UTC epoch
 * millis). The signature is Ed25519 by the key {@code keyId} over {@link #canonicalMessage()}. Operators may
 * copy the latest checkpoint out of the database (a ticket, a WORM bucket, a transparency log): held
 * outside, it turns truncation and wholesale rewrites up to that point into detectable tampering.
 */
public record AuditCheckpoint(long seq, String hash, long signedAt, String keyId, String signature) {

    /** The bytes that are signed: versioned and line-based so that no two checkpoints encode alike. */
    public String canonicalMessage() {
        return canonicalMessage(seq, hash, signedAt, keyId);
    }

    public static String canonicalMessage(long seq, String hash, long signedAt, String keyId) {
        return "benteng-audit-checkpoint/v1\nseq=" + seq + "\nhash=" + hash + "\nsigned_at=" + signedAt
                + "\nkey_id=" + keyId + "\n";
    }
}
