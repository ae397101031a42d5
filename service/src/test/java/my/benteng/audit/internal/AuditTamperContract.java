package my.benteng.audit.internal;

import my.benteng.audit.AuditChain;
import my.benteng.audit.AuditCheckpoint;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.audit.AuditVerification;
import my.benteng.platform.DatabaseDialect;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static my.benteng.audit.AuditVerification.BROKEN_LINK;
import static my.benteng.audit.AuditVerification.CHECKPOINT_MISMATCH;
import static my.benteng.audit.AuditVerification.CHECKPOINT_SIGNATURE_INVALID;
import static my.benteng.audit.AuditVerification.HASH_MISMATCH;
import static my.benteng.audit.AuditVerification.HEAD_MISMATCH;
import static my.benteng.audit.AuditVerification.SEQUENCE_GAP;
import static my.benteng.audit.AuditVerification.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An attacker with write access to the database edits, deletes, inserts, rewrites and truncates audit rows
 * with plain SQL (knowing the hash format, but not the signing key); verification must name the first
 * broken seq. Each test appends its own entries at the tail and runs in one transaction that is rolled
 * back at the end, so the shared database is left as it was whatever the outcome, and concurrent appenders
 * wait on the head lock (SQLite: the write lock) instead of building on the tampered tail. Every check runs
 * with the context's verifier and with one that reads pages of three entries, to cross page boundaries.
 */
abstract class AuditTamperContract {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditChain chain;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    AuditSigningKey key;

    @Autowired
    Clock clock;

    @Autowired
    DatabaseDialect dialect;

    @Test
    void anUntouchedChainVerifiesIntact() {
        tampered(seq -> {
            AuditVerification v = verifyBoth();
            assertThat(v.intact()).isTrue();
            assertThat(v.firstBrokenSeq()).isNull();
            assertThat(v.problem()).isNull();
            assertThat(v.entriesChecked()).isGreaterThanOrEqualTo(seq[4]);
        });
    }

    @Test
    void editingAFieldOfAMiddleRowIsAHashMismatchAtThatSeq() {
        tampered(seq -> {
            jdbc.sql("UPDATE audit_entry SET subject = 'someone-else' WHERE seq = ?").param(seq[2]).update();
            assertBroken(seq[2], HASH_MISMATCH);
        });
    }

    @Test
    void editingTheOutcomeOrTheTimeIsDetectedToo() {
        tampered(seq -> {
            jdbc.sql("UPDATE audit_entry SET recorded_at = recorded_at + 1 WHERE seq = ?").param(seq[3]).update();
            jdbc.sql("UPDATE audit_entry SET outcome = 'FAILURE' WHERE seq = ?").param(seq[1]).update();
            assertBroken(seq[1], HASH_MISMATCH);
        });
    }

    @Test
    void editingARowAndRecomputingOnlyItsOwnHashBreaksTheNextLink() {
        tampered(seq -> {
            jdbc.sql("UPDATE audit_entry SET actor = 'innocent' WHERE seq = ?").param(seq[2]).update();
            rehash(seq[2], seq[2]);
            assertBroken(seq[3], BROKEN_LINK);
        });
    }

    @Test
    void deletingAMiddleRowIsASequenceGap() {
        tampered(seq -> {
            jdbc.sql("DELETE FROM audit_entry WHERE seq = ?").param(seq[2]).update();
            assertBroken(seq[2], SEQUENCE_GAP);
        });
    }

    @Test
    void insertingAForgedRowInTheMiddleBreaksTheLinkAfterIt() {
        tampered(seq -> {
            // make room after seq[1] (two steps, because the primary key is checked row by row), then insert a
            // forged row with a correct hash over a correct predecessor: only its successor can give it away
            jdbc.sql("UPDATE audit_entry SET seq = -seq - 1 WHERE seq > ?").param(seq[1]).update();
            jdbc.sql("UPDATE audit_entry SET seq = -seq WHERE seq < 0").update();
            insertForged(seq[1] + 1, hashAt(seq[1]));
            jdbc.sql("UPDATE audit_head SET seq = seq + 1 WHERE id = 1").update();
            assertBroken(seq[1] + 2, BROKEN_LINK);
        });
    }

    @Test
    void appendingAForgedRowBehindTheHeadIsAHeadMismatch() {
        tampered(seq -> {
            insertForged(seq[4] + 1, hashAt(seq[4]));
            assertBroken(seq[4] + 1, HEAD_MISMATCH);
        });
    }

    @Test
    void rewritingTheChainFromSomePointWithConsistentHashesIsCaughtByTheSignedCheckpoint() {
        tampered(seq -> {
            AuditCheckpoint checkpoint = chain.checkpoint().orElseThrow();
            assertThat(checkpoint.seq()).isEqualTo(seq[4]);
            long[] more = append(3);
            assertThat(verifyBoth().lastCheckpointSeq()).isEqualTo(seq[4]);
            // the attacker rewrites seq[1] and recomputes every later hash and the head: links are consistent
            jdbc.sql("UPDATE audit_entry SET reason = 'nothing.to.see' WHERE seq = ?").param(seq[1]).update();
            rehash(seq[1], more[2]);
            assertBroken(seq[4], CHECKPOINT_MISMATCH);
            // ... and then also moves the checkpoint to the new hash, which its signature does not cover
            jdbc.sql("UPDATE audit_checkpoint SET hash = ? WHERE seq = ?").param(hashAt(seq[4])).param(seq[4]).update();
            assertBroken(seq[4], CHECKPOINT_SIGNATURE_INVALID);
        });
    }

    /*
     * What truncation verification can and cannot see. The chain itself cannot tell a cut-off tail from a
     * chain that simply ended there, once the head row is moved back too. A signed checkpoint naming a
     * now-missing entry reveals it. Without an anchor outside the database, an attacker who cuts only above
     * the newest checkpoint, or who also deletes the checkpoints above the cut, is not detectable; a copy of
     * the latest checkpoint kept elsewhere (AuditChain.latestCheckpoint) and passed to verify(anchor) closes
     * that gap up to the anchor. Entries appended after the newest checkpoint can likewise be rewritten
     * wholesale; checkpoint-every and checkpoint-interval bound that window.
     */
    @Test
    void truncatingBelowTheLatestCheckpointIsDetected() {
        tampered(seq -> {
            chain.checkpoint().orElseThrow();
            cutAfter(seq[1]);
            assertBroken(seq[2], TRUNCATED);
        });
    }

    @Test
    void truncatingWithoutMovingTheHeadIsAHeadMismatch() {
        tampered(seq -> {
            jdbc.sql("DELETE FROM audit_entry WHERE seq > ?").param(seq[2]).update();
            assertBroken(seq[3], HEAD_MISMATCH);
        });
    }

    @Test
    void truncatingAboveTheLatestCheckpointNeedsAnExternalAnchor() {
        tampered(seq -> {
            chain.checkpoint().orElseThrow(); // at seq[4]
            long[] more = append(2);
            AuditCheckpoint anchor = chain.checkpoint().orElseThrow(); // at more[1], copied out of the database
            jdbc.sql("DELETE FROM audit_checkpoint WHERE seq = ?").param(anchor.seq()).update();
            cutAfter(seq[4]);
            assertThat(chain.verify().intact()).as("undetectable from inside the database").isTrue();
            AuditVerification v = chain.verify(anchor);
            assertThat(v.intact()).isFalse();
            assertThat(v.firstBrokenSeq()).isEqualTo(more[0]);
            assertThat(v.problem()).isEqualTo(TRUNCATED);
        });
    }

    @Test
    void anAnchorThatStillMatchesKeepsTheChainIntact() {
        tampered(seq -> {
            AuditCheckpoint anchor = chain.checkpoint().orElseThrow();
            append(2);
            assertThat(chain.verify(anchor).intact()).isTrue();
            assertThat(chain.latestCheckpoint()).contains(anchor);
        });
    }

    @Test
    void tamperingWithACheckpointSignatureIsDetected() {
        tampered(seq -> {
            AuditCheckpoint checkpoint = chain.checkpoint().orElseThrow();
            byte[] signature = Base64.getDecoder().decode(checkpoint.signature());
            signature[10] ^= 1;
            jdbc.sql("UPDATE audit_checkpoint SET signature = ? WHERE seq = ?")
                    .param(Base64.getEncoder().encodeToString(signature)).param(checkpoint.seq()).update();
            assertBroken(seq[4], CHECKPOINT_SIGNATURE_INVALID);
        });
    }

    @Test
    void aCheckpointSignedWithTheAttackersOwnKeyIsRejected() throws Exception {
        var attacker = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        tampered(seq -> {
            AuditCheckpoint checkpoint = chain.checkpoint().orElseThrow();
            jdbc.sql("UPDATE audit_entry SET subject = 'forged' WHERE seq = ?").param(seq[0]).update();
            rehash(seq[0], seq[4]);
            String attackerKeyId = AuditSigningKey.keyId(attacker.getPublic());
            String message = AuditCheckpoint.canonicalMessage(seq[4], hashAt(seq[4]), checkpoint.signedAt(), attackerKeyId);
            try {
                var signer = java.security.Signature.getInstance("Ed25519");
                signer.initSign(attacker.getPrivate());
                signer.update(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                jdbc.sql("UPDATE audit_checkpoint SET hash = ?, key_id = ?, signature = ? WHERE seq = ?")
                        .param(hashAt(seq[4])).param(attackerKeyId)
                        .param(Base64.getEncoder().encodeToString(signer.sign())).param(seq[4]).update();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            assertBroken(seq[4], CHECKPOINT_SIGNATURE_INVALID);
        });
    }

    @Test
    void theCheckpointerRefusesToSignATamperedChain() {
        tampered(seq -> {
            jdbc.sql("UPDATE audit_entry SET actor = 'someone' WHERE seq = ?").param(seq[3]).update();
            assertThat(chain.checkpoint()).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_checkpoint WHERE seq = ?").param(seq[4]).query(Long.class).single())
                    .isZero();
        });
    }

    @Test
    void aCheckpointIsSignedOnlyWhenTheHeadMoved() {
        tampered(seq -> {
            AuditCheckpoint first = chain.checkpoint().orElseThrow();
            assertThat(first.keyId()).isEqualTo(key.keyId());
            assertThat(chain.checkpoint()).isEmpty();
            append(1);
            assertThat(chain.checkpoint()).get().extracting(AuditCheckpoint::seq).isEqualTo(seq[4] + 1);
        });
    }

    @Test
    void everyNthAppendSignsACheckpointInTheSameTransaction() {
        tampered(seq -> {
            AuditProperties everyThird = new AuditProperties("", List.of(), 3, Duration.ofMinutes(5), 1000);
            JdbcAuditChain chainOfThree = new JdbcAuditChain(jdbc, key, clock, everyThird, dialect, transactions);
            JdbcAuditLog log = new JdbcAuditLog(jdbc, clock, dialect, chainOfThree, everyThird, transactions);
            long last = 0;
            for (int i = 0; i < 3; i++) {
                last = log.record(AuditEvent.named("sys_audit_probe").reason("audit.test.every"));
            }
            long multiple = last - last % 3;
            assertThat(chain.latestCheckpoint()).get().extracting(AuditCheckpoint::seq).isEqualTo(multiple);
            assertThat(verifyBoth().lastCheckpointSeq()).isEqualTo(multiple);
        });
    }

    @Test
    void aBatchAppendedInOneHoldChainsLikeSingleAppendsAndSignsEveryCheckpointItCrosses() {
        tampered(seq -> {
            AuditProperties everyFifty = new AuditProperties("", List.of(), 50, Duration.ofMinutes(5), 1000);
            JdbcAuditChain chainOfFifty = new JdbcAuditChain(jdbc, key, clock, everyFifty, dialect, transactions);
            JdbcAuditLog log = new JdbcAuditLog(jdbc, clock, dialect, chainOfFifty, everyFifty, transactions);
            List<AuditEvent> batch = new java.util.ArrayList<>();
            for (int i = 0; i < 237; i++) { // more than two multi-row INSERTs, and at least four multiples of 50
                batch.add(AuditEvent.named("case_recorded").actor("batch-test").subject("citizen:" + i).reason("audit.test.batch")
                        .detail("n", i).build());
            }
            long last = log.recordAll(batch);
            assertThat(last).isEqualTo(seq[4] + 237);
            long multiple = last - last % 50;
            assertThat(chain.latestCheckpoint()).get().extracting(AuditCheckpoint::seq).isEqualTo(multiple);
            AuditVerification v = verifyBoth();
            assertThat(v.intact()).isTrue();
            assertThat(v.entriesChecked()).isGreaterThanOrEqualTo(last);
            assertThat(audit.record(AuditEvent.named("sys_audit_probe").reason("audit.test.after"))).isEqualTo(last + 1);
            assertThat(verifyBoth().intact()).isTrue();
        });
    }

    /** Runs the attack on five fresh entries inside a transaction that is always rolled back. */
    void tampered(Consumer<long[]> attack) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            long[] seq = append(5);
            assertThat(chain.verify().intact()).as("chain intact before the attack").isTrue();
            attack.accept(seq);
        });
    }

    long[] append(int count) {
        long[] seq = new long[count];
        for (int i = 0; i < count; i++) {
            seq[i] = audit.record(AuditEvent.named(i % 2 == 0 ? "authn_login_fail" : "sensitive_read")
                    .actor("tamper-test").subject("+60 12-*** **8" + i).clientIp("192.0.2." + i)
                    .reason("audit.test." + i).outcome(i % 2 == 0 ? AuditOutcome.DENIED : AuditOutcome.SUCCESS)
                    .attack("T1110").detail("n", i));
        }
        return seq;
    }

    void assertBroken(long expectedSeq, String expectedProblem) {
        AuditVerification v = verifyBoth();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).isEqualTo(expectedProblem);
        assertThat(v.firstBrokenSeq()).isEqualTo(expectedSeq);
    }

    /** Verifies with the context's verifier and with a three-entry page size; both must agree. */
    AuditVerification verifyBoth() {
        AuditVerification v = chain.verify();
        JdbcAuditChain paged = new JdbcAuditChain(jdbc, key, clock,
                new AuditProperties("", List.of(), 0, Duration.ofMinutes(5), 3), dialect, transactions);
        AuditVerification small = paged.verify();
        assertThat(small).as("verification with small pages").isEqualTo(v);
        return v;
    }

    String hashAt(long seq) {
        return jdbc.sql("SELECT hash FROM audit_entry WHERE seq = ?").param(seq).query(String.class).single().strip();
    }

    /** What an attacker who knows the format does: recompute prev_hash and hash from..to, then the head. */
    void rehash(long from, long to) {
        String prev = from == 1 ? AuditEntry.GENESIS : hashAt(from - 1);
        for (long s = from; s <= to; s++) {
            Map<String, Object> r = jdbc.sql("SELECT * FROM audit_entry WHERE seq = ?").param(s).query().singleRow();
            String hash = AuditEntry.hash(s, ((Number) r.get("recorded_at")).longValue(), (String) r.get("event"),
                    (String) r.get("actor"), (String) r.get("subject"), (String) r.get("client_ip"), (String) r.get("reason"),
                    (String) r.get("outcome"), (String) r.get("attack_ids"), (String) r.get("details"), prev);
            jdbc.sql("UPDATE audit_entry SET prev_hash = ?, hash = ? WHERE seq = ?").param(prev).param(hash).param(s).update();
            prev = hash;
        }
        jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").param(to).param(prev).update();
    }

    /** Deletes every entry after {@code seq} and moves the head back, as a careful attacker would. */
    void cutAfter(long seq) {
        jdbc.sql("DELETE FROM audit_entry WHERE seq > ?").param(seq).update();
        jdbc.sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1").param(seq).param(hashAt(seq)).update();
    }

    void insertForged(long seq, String prevHash) {
        long at = clock.millis();
        String hash = AuditEntry.hash(seq, at, "authn_login_success", "admin", null, null, null, "SUCCESS", "", "", prevHash);
        jdbc.sql("""
                        INSERT INTO audit_entry (seq, recorded_at, event, actor, subject, client_ip, reason, outcome,
                                                 attack_ids, details, prev_hash, hash)
                        VALUES (?, ?, 'authn_login_success', 'admin', NULL, NULL, NULL, 'SUCCESS', '', '', ?, ?)
                        """)
                .param(seq).param(at).param(prevHash).param(hash).update();
    }
}
