package my.benteng.audit.internal;

import my.benteng.audit.AuditChain;
import my.benteng.audit.AuditCheckpoint;
import my.benteng.audit.AuditVerification;
import my.benteng.platform.DatabaseDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static my.benteng.audit.AuditVerification.ANCHOR_MISMATCH;
import static my.benteng.audit.AuditVerification.BROKEN_LINK;
import static my.benteng.audit.AuditVerification.CHECKPOINT_MISMATCH;
import static my.benteng.audit.AuditVerification.CHECKPOINT_SIGNATURE_INVALID;
import static my.benteng.audit.AuditVerification.HASH_MISMATCH;
import static my.benteng.audit.AuditVerification.HEAD_MISMATCH;
import static my.benteng.audit.AuditVerification.SEQUENCE_GAP;
import static my.benteng.audit.AuditVerification.TRUNCATED;

/**
 * Verifies the chain and signs checkpoints.
 *
 * <p>Verification runs in the caller's transaction if there is one and otherwise statement by statement:
 * it must not hold SQLite's single write lock (every SQLite transaction takes it) for a walk over millions
 * of rows. That is safe because the chain only grows: entries become visible in seq order (each append
 * waits for the previous one's head lock), and the final consistency check reads the head and the highest
 * seq in one statement, walking on if entries were appended meanwhile.
 *
 * <p>A checkpoint is signed only after the entries since the previous checkpoint verify, so that the
 * signer never blesses a chain that was tampered with in the meantime.
 */
@Service
class JdbcAuditChain implements AuditChain {

    private static final Logger log = LoggerFactory.getLogger("audit");

    private static final RowMapper<AuditCheckpoint> CHECKPOINT = (rs, n) -> new AuditCheckpoint(rs.getLong("seq"),
            rs.getString("hash"), rs.getLong("signed_at"), rs.getString("key_id"), rs.getString("signature"));

    private final JdbcClient jdbc;
    private final AuditSigningKey key;
    private final Clock clock;
    private final int pageSize;
    private final String lockHead;
    private final TransactionTemplate transaction;
    private final AuditListeners listeners;

    /** Without listeners: for chains built by hand (tests, tools). */
    JdbcAuditChain(JdbcClient jdbc, AuditSigningKey key, Clock clock, AuditProperties properties,
                   DatabaseDialect dialect, PlatformTransactionManager transactions) {
        this(jdbc, key, clock, properties, dialect, transactions, AuditListeners.none());
    }

    @org.springframework.beans.factory.annotation.Autowired
    JdbcAuditChain(JdbcClient jdbc, AuditSigningKey key, Clock clock, AuditProperties properties,
                   DatabaseDialect dialect, PlatformTransactionManager transactions, AuditListeners listeners) {
        this.listeners = listeners;
        this.jdbc = jdbc;
        this.key = key;
        this.clock = clock;
        this.pageSize = properties.verifyPageSize();
        this.lockHead = JdbcAuditLog.lockHeadSql(dialect);
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public AuditVerification verify() {
        return verify(List.of());
    }

    @Override
    public AuditVerification verify(AuditCheckpoint externalAnchor) {
        return verify(List.of(externalAnchor));
    }

    private AuditVerification verify(List<AuditCheckpoint> anchors) {
        Walk walk = new Walk(0, AuditEntry.GENESIS);
        while (true) {
            walk(walk, Long.MAX_VALUE, true, anchors);
            if (walk.broken()) {
                break;
            }
            State state = jdbc.sql("""
                            SELECT h.seq, h.hash,
                                   (SELECT MAX(seq) FROM audit_entry) AS max_entry,
                                   (SELECT MAX(seq) FROM audit_checkpoint) AS max_checkpoint
                            FROM audit_head h WHERE h.id = 1
                            """)
                    .query((rs, n) -> new State(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                    .single();
            if (state.maxEntry() > walk.lastSeq) {
                continue; // appended while we walked: walk on from where we stopped
            }
            if (state.headSeq() != walk.lastSeq || !state.headHash().strip().equals(walk.lastHash)) {
                walk.fail(state.headSeq() == walk.lastSeq ? walk.lastSeq : Math.min(state.headSeq(), walk.lastSeq) + 1,
                        HEAD_MISMATCH);
            } else if (state.maxCheckpoint() > walk.lastSeq
                    || anchors.stream().anyMatch(a -> a.seq() > walk.lastSeq)) {
                walk.fail(walk.lastSeq + 1, TRUNCATED);
            }
            break;
        }
        AuditCheckpoint latest = latestCheckpoint().orElse(null);
        AuditVerification result = new AuditVerification(!walk.broken(), walk.checked, walk.brokenSeq, walk.problem,
                walk.lastCheckpointSeq, latest);
        if (result.intact()) {
            log.info("audit chain verified: intact, {} entries, last checkpoint seq {}", result.entriesChecked(),
                    result.lastCheckpointSeq());
        } else {
            log.error("audit chain verified: BROKEN at seq {} ({}) after {} intact entries", result.firstBrokenSeq(),
                    result.problem(), result.entriesChecked());
        }
        listeners.verified(result, clock.instant());
        return result;
    }

    @Override
    public Optional<AuditCheckpoint> latestCheckpoint() {
        return jdbc.sql("SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoint ORDER BY seq DESC LIMIT 1")
                .query(CHECKPOINT).optional();
    }

    @Override
    public Optional<AuditCheckpoint> checkpoint() {
        return transaction.execute(status -> {
            Head head = jdbc.sql(lockHead).query((rs, n) -> new Head(rs.getLong(1), rs.getString(2).strip())).single();
            return checkpointHead(head.seq(), head.hash());
        });
    }

    /** Runs on every node; the head lock lets only the first sign, the others find the head unmoved. */
    @Scheduled(initialDelayString = "${benteng.audit.checkpoint-interval:PT5M}",
            fixedDelayString = "${benteng.audit.checkpoint-interval:PT5M}")
    void checkpointOnSchedule() {
        try {
            checkpoint();
        } catch (RuntimeException e) {
            log.warn("scheduled audit checkpoint failed; the next run tries again", e);
        }
    }

    /**
     * Signs (seq, hash) if the entries since the previous checkpoint verify up to exactly that head. The caller
     * holds the head lock in the current transaction.
     */
    Optional<AuditCheckpoint> checkpointHead(long seq, String hash) {
        if (seq == 0) {
            return Optional.empty();
        }
        Walk walk = new Walk(0, AuditEntry.GENESIS);
        Optional<AuditCheckpoint> previous = latestCheckpoint();
        if (previous.isPresent()) {
            AuditCheckpoint p = previous.get();
            if (p.seq() == seq) {
                return Optional.empty(); // the head has not moved
            }
            if (p.seq() > seq || !signatureValid(p)) {
                log.error("audit checkpoint refused: the latest checkpoint (seq {}) is beyond the head or not validly signed",
                        p.seq());
                listeners.verified(new AuditVerification(false, 0, p.seq() > seq ? seq + 1 : p.seq(),
                        p.seq() > seq ? TRUNCATED : CHECKPOINT_SIGNATURE_INVALID, 0, p), clock.instant());
                return Optional.empty();
            }
            walk = new Walk(p.seq(), p.hash().strip());
        }
        walk(walk, seq, false, List.of());
        if (walk.broken() || walk.lastSeq != seq || !walk.lastHash.equals(hash)) {
            log.error("audit checkpoint refused: the chain fails verification at seq {} ({})",
                    walk.broken() ? walk.brokenSeq : walk.lastSeq + 1, walk.broken() ? walk.problem : HEAD_MISMATCH);
            listeners.verified(new AuditVerification(false, walk.checked, walk.broken() ? walk.brokenSeq : walk.lastSeq + 1,
                    walk.broken() ? walk.problem : HEAD_MISMATCH, 0, previous.orElse(null)), clock.instant());
            return Optional.empty();
        }
        long now = clock.millis();
        String signature = key.sign(AuditCheckpoint.canonicalMessage(seq, hash, now, key.keyId()));
        AuditCheckpoint checkpoint = new AuditCheckpoint(seq, hash, now, key.keyId(), signature);
        jdbc.sql("INSERT INTO audit_checkpoint (seq, hash, signed_at, key_id, signature) VALUES (:seq, :hash, :at, :key, :sig)")
                .param("seq", seq).param("hash", hash).param("at", now).param("key", key.keyId()).param("sig", signature)
                .update();
        log.info("audit checkpoint signed: seq={} hash={} key={}", seq, hash, key.keyId());
        return Optional.of(checkpoint);
    }

    /**
     * Walks entries after {@code walk.lastSeq} up to {@code untilSeq} in keyset pages, recomputing every hash and
     * link, and (when asked) checking every checkpoint and anchor that falls on a walked entry. Stops at the
     * first problem.
     */
    private void walk(Walk walk, long untilSeq, boolean checkCheckpoints, List<AuditCheckpoint> anchors) {
        while (!walk.broken()) {
            List<Row> page = jdbc.sql("""
                            SELECT seq, recorded_at, event, actor, subject, client_ip, reason, outcome, attack_ids, details,
                                   prev_hash, hash
                            FROM audit_entry WHERE seq > :after AND seq <= :until ORDER BY seq LIMIT :limit
                            """)
                    .param("after", walk.lastSeq).param("until", untilSeq).param("limit", pageSize)
                    .query((rs, n) -> new Row(rs.getLong("seq"), rs.getLong("recorded_at"), rs.getString("event"),
                            rs.getString("actor"), rs.getString("subject"), rs.getString("client_ip"), rs.getString("reason"),
                            rs.getString("outcome"), rs.getString("attack_ids"), rs.getString("details"),
                            strip(rs.getString("prev_hash")), strip(rs.getString("hash"))))
                    .list();
            if (page.isEmpty()) {
                return;
            }
            List<AuditCheckpoint> checkpoints = new ArrayList<>();
            if (checkCheckpoints) {
                checkpoints.addAll(jdbc.sql("SELECT seq, hash, signed_at, key_id, signature FROM audit_checkpoint "
                                + "WHERE seq >= :from AND seq <= :to ORDER BY seq")
                        .param("from", page.getFirst().seq()).param("to", page.getLast().seq()).query(CHECKPOINT).list());
            }
            checkpoints.sort(Comparator.comparingLong(AuditCheckpoint::seq));
            int next = 0;
            for (Row row : page) {
                if (!check(walk, row)) {
                    return;
                }
                for (; next < checkpoints.size() && checkpoints.get(next).seq() <= row.seq(); next++) {
                    AuditCheckpoint c = checkpoints.get(next);
                    if (c.seq() < row.seq()) {
                        continue; // cannot happen on a gap-free walk; a gap was reported already
                    }
                    if (!signatureValid(c)) {
                        walk.fail(c.seq(), CHECKPOINT_SIGNATURE_INVALID);
                        return;
                    }
                    if (!c.hash().strip().equals(row.hash())) {
                        walk.fail(c.seq(), CHECKPOINT_MISMATCH);
                        return;
                    }
                    walk.lastCheckpointSeq = c.seq();
                }
                for (AuditCheckpoint anchor : anchors) {
                    if (anchor.seq() == row.seq() && (!signatureValid(anchor) || !anchor.hash().strip().equals(row.hash()))) {
                        walk.fail(anchor.seq(), ANCHOR_MISMATCH);
                        return;
                    }
                }
            }
        }
    }

    /** Order of checks: a missing seq first, then the link to the predecessor, then the entry's own hash. */
    private static boolean check(Walk walk, Row row) {
        long expected = walk.lastSeq + 1;
        if (row.seq() != expected) {
            walk.fail(expected, SEQUENCE_GAP);
            return false;
        }
        if (!walk.lastHash.equals(row.prevHash())) {
            walk.fail(row.seq(), BROKEN_LINK);
            return false;
        }
        String recomputed = AuditEntry.hash(row.seq(), row.recordedAt(), row.event(), row.actor(), row.subject(),
                row.clientIp(), row.reason(), row.outcome(), row.attackIds(), row.details(), row.prevHash());
        if (!recomputed.equals(row.hash())) {
            walk.fail(row.seq(), HASH_MISMATCH);
            return false;
        }
        walk.checked++;
        walk.lastSeq = row.seq();
        walk.lastHash = row.hash();
        return true;
    }

    private boolean signatureValid(AuditCheckpoint c) {
        return key.verify(c.keyId(), AuditCheckpoint.canonicalMessage(c.seq(), c.hash().strip(), c.signedAt(),
                c.keyId() == null ? null : c.keyId().strip()), c.signature());
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    private static final class Walk {
        long checked;
        long lastSeq;
        String lastHash;
        long lastCheckpointSeq;
        Long brokenSeq;
        String problem;

        Walk(long afterSeq, String afterHash) {
            this.lastSeq = afterSeq;
            this.lastHash = afterHash;
        }

        boolean broken() {
            return problem != null;
        }

        void fail(long seq, String code) {
            brokenSeq = seq;
            problem = code;
        }
    }

    private record Row(long seq, long recordedAt, String event, String actor, String subject, String clientIp,
                       String reason, String outcome, String attackIds, String details, String prevHash, String hash) {
    }

    private record State(long headSeq, String headHash, long maxEntry, long maxCheckpoint) {
    }

    private record Head(long seq, String hash) {
    }
}
