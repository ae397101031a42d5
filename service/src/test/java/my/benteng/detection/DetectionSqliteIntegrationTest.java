package my.benteng.detection;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditChain;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.detection.internal.DetectionEngine;
import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An audit append reaches the match sinks in-process, after its commit, on the embedded default: the shipped
 * signature-replay rule fires on a replayed eKYC request's audit entry, an entry whose transaction rolled back is
 * never evaluated, and a failed verification of the chain raises the tampering rule.
 */
@SqliteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class DetectionSqliteIntegrationTest {

    private static final String REPLAY_RULE = "efcb72ef-7d40-4dfe-b723-be63086e9170";
    private static final String CHAIN_RULE = "2b0807aa-30af-4965-95d3-12ff6fe9c14e";

    @Autowired
    AuditLog audit;
    @Autowired
    DetectionEngine engine;
    @Autowired
    MeterRegistry meters;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    AuditChain chain;
    @Autowired
    JdbcClient jdbc;

    private static AuditEvent replayed() {
        return AuditEvent.named("authn_token_reuse").outcome(AuditOutcome.DENIED).actor("relying-party-key:k-detection-test")
                .clientIp("192.0.2.44").reason("ekyc.signature.replay").attack("T1550").build();
    }

    private double replayMatches() {
        return matches(REPLAY_RULE);
    }

    private double matches(String rule) {
        var counter = meters.find("benteng.detection.matches").tag("rule", rule).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void anAppendedAuditEntryReachesTheMatchSinkAfterItsCommit(CapturedOutput output) {
        double before = replayMatches();
        long seq = audit.record(replayed());
        engine.flush();
        assertThat(replayMatches()).isEqualTo(before + 1);
        List<String> lines = output.getAll().lines().filter(l -> l.contains("detection match rule=" + REPLAY_RULE)).toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("level=high").contains("attack=[T1550]")
                .contains("auditSeqs=[" + seq + "]"));
    }

    @Test
    void anEntryWhoseTransactionRolledBackIsNeverEvaluated() {
        double before = replayMatches();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record(replayed());
            status.setRollbackOnly();
        });
        engine.flush();
        assertThat(replayMatches()).isEqualTo(before);
        // and one that commits inside a caller's transaction is told once, after that commit
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            audit.record(replayed());
            audit.record(AuditEvent.named("sensitive_read").actor("relying-party:rp-detection-test").subject("ekyc-record:r1")
                    .reason("ekyc.verify"));
            assertThat(replayMatches()).isEqualTo(before);
        });
        engine.flush();
        assertThat(replayMatches()).isEqualTo(before + 1);
    }

    @Test
    void aBatchOfRefusalsForOneNumberRaisesTheBombingCorrelationWithItsEvidence(CapturedOutput output) {
        String bombing = "8e727ca9-2bd3-43fa-93fe-b43516a55c8f";
        double before = matches(bombing);
        // a masked number no other test uses (the state outlives tests in the shared context), so nothing else counts
        String number = "+6019*****" + System.nanoTime();
        List<AuditEvent> refusals = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            refusals.add(AuditEvent.named("excess_rate_limit_exceeded").outcome(AuditOutcome.DENIED).subject(number)
                    .clientIp("198.51.100." + (10 + i)).reason("shield.destination.hourly_cap").attack("T1621")
                    .detail("detection.subject", "subject-of-" + number).build());
        }
        long last = audit.recordAll(refusals);
        engine.flush();
        assertThat(matches(bombing)).isEqualTo(before + 1);
        String seqs = "auditSeqs=[" + (last - 4) + ", " + (last - 3) + ", " + (last - 2) + ", " + (last - 1) + ", " + last + "]";
        assertThat(output.getAll().lines().filter(l -> l.contains("detection match rule=" + bombing)))
                .anySatisfy(l -> assertThat(l).contains(seqs).contains("benteng.subject.value=" + number));
    }

    @Test
    void aFailedVerificationOfTheChainRaisesTheTamperingRule() {
        double before = matches(CHAIN_RULE);
        // tampered inside a transaction that is rolled back, as the audit's own tamper tests do: the shared database
        // is left as it was, and appenders elsewhere wait on the head lock meanwhile
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            long seq = audit.record(AuditEvent.named("sensitive_read").actor("staff:detection-test").subject("ekyc-record:r2")
                    .reason("ekyc.lookup"));
            jdbc.sql("UPDATE audit_entry SET subject = 'someone-else' WHERE seq = ?").param(seq).update();
            assertThat(chain.verify().intact()).isFalse();
            status.setRollbackOnly();
        });
        engine.flush();
        assertThat(matches(CHAIN_RULE)).isEqualTo(before + 1);
    }

    @Test
    void theShippedRulesAreLoadedAndTheirMetricsPublished() {
        assertThat(engine.rules().enabledCount()).isGreaterThanOrEqualTo(20);
        long evaluated = meters.find("benteng.detection.evaluation").timer().count();
        audit.record(AuditEvent.named("sensitive_read").actor("staff:detection-test").subject("ekyc-record:r3").reason("ekyc.lookup"));
        engine.flush(); // evaluated on the engine's own thread
        assertThat(meters.find("benteng.detection.rules").gauge()).isNotNull();
        assertThat(meters.find("benteng.detection.correlation.local").functionCounter()).isNotNull();
        assertThat(meters.find("benteng.detection.events.dropped").counter()).isNotNull();
        assertThat(meters.find("benteng.detection.correlation.evictions").functionCounter()).isNotNull();
        assertThat(meters.find("benteng.detection.evaluation").timer().count()).isGreaterThan(evaluated);
    }
}
