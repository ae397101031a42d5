package my.benteng.audit;

import java.util.Optional;

/**
 * Verification and checkpoints of the audit chain. Verification only reads: it never appends to the chain
 * it checks. It walks the chain in pages of ascending seq, so it runs in bounded memory on any length.
 *
 * <p>What it can prove: any edit, deletion or insertion below the head shows as a broken hash, link or
 * sequence; a rewrite of the chain from some point on that recomputes every later hash is caught by the
 * first signed checkpoint at or after that point; cutting off the tail is caught while a checkpoint still
 * names an entry that is gone. What it cannot prove without an anchor kept outside the database: an
 * attacker with write access who also deletes the later checkpoints can cut or rewrite the tail back to
 * the newest checkpoint they leave. Hence {@link #latestCheckpoint()} and {@link #verify(AuditCheckpoint)}.
 */
public interface AuditChain {

    /** Walks the whole chain and reports the first broken link. */
    AuditVerification verify();

    /**
     * As {@link #verify()}, and also checks an externally kept checkpoint: its signature must verify, and the
     * entry at its seq must still exist with the same hash.
     */
    AuditVerification verify(AuditCheckpoint externalAnchor);

    /** The newest signed checkpoint, for operators to anchor outside the database. */
    Optional<AuditCheckpoint> latestCheckpoint();

    /**
     * Signs a checkpoint for the current head now, if the head moved since the last checkpoint and the entries
     * since then verify; empty otherwise. Runs on its own every {@code benteng.audit.checkpoint-every} entries
     * and every {@code benteng.audit.checkpoint-interval}.
     */
    Optional<AuditCheckpoint> checkpoint();
}
