package my.benteng.audit;

/**
 * The outcome of walking the audit chain. When the chain is not intact, {@code firstBrokenSeq} is the first
 * sequence number at which it fails and {@code problem} says how, as one of the stable codes below.
 *
 * @param intact            every check passed
 * @param entriesChecked    entries whose link and hash were recomputed
 * @param firstBrokenSeq    first sequence number that fails, or null when intact
 * @param problem           stable problem code, or null when intact
 * @param lastCheckpointSeq highest checkpoint whose signature and hash were verified (0: none)
 * @param latestCheckpoint  the newest checkpoint in the database, to be anchored outside it (null: none)
 */
public record AuditVerification(
        boolean intact,
        long entriesChecked,
        Long firstBrokenSeq,
        String problem,
        long lastCheckpointSeq,
        AuditCheckpoint latestCheckpoint) {

    /** The stored hash is not the hash of the entry's fields: the entry was edited. */
    public static final String HASH_MISMATCH = "hash_mismatch";
    /** The entry does not commit to its predecessor's hash: an entry before it was replaced or inserted. */
    public static final String BROKEN_LINK = "broken_link";
    /** A sequence number is missing (the chain starts at 1 and has no gaps): an entry was deleted. */
    public static final String SEQUENCE_GAP = "sequence_gap";
    /** A checkpoint's signature does not verify, or its key is unknown. */
    public static final String CHECKPOINT_SIGNATURE_INVALID = "checkpoint_signature_invalid";
    /** A validly signed checkpoint names another hash than the entry at its seq: the chain was rewritten. */
    public static final String CHECKPOINT_MISMATCH = "checkpoint_mismatch";
    /** The head row does not name the last entry: entries were appended or removed behind the log's back. */
    public static final String HEAD_MISMATCH = "head_mismatch";
    /** A checkpoint (or the given external anchor) names a seq beyond the last entry: the tail was cut off. */
    public static final String TRUNCATED = "truncated";
    /** An externally kept anchor names another hash than the entry at its seq. */
    public static final String ANCHOR_MISMATCH = "anchor_mismatch";
}
