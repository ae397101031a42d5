package my.benteng.forensics.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.ekyc.EvidenceSealing;
import my.benteng.ekyc.UntrustedImages;
import my.benteng.platform.RandomIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs an investigation's analysis: each sample decrypted, decoded under the vault's image guards and shown to every
 * {@link SampleExaminer}; its findings committed sample by sample (the progress the API shows, and where a restarted
 * analysis resumes); then the report built, canonicalised, signed and its hash appended to the audit chain in the
 * transaction that completes the investigation. Also the retention job that crypto-shreds samples.
 */
@Component
public class InvestigationAnalyser {

    private static final Logger log = LoggerFactory.getLogger(InvestigationAnalyser.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Investigations investigations;
    private final UntrustedImages images;
    private final List<SampleExaminer> examiners;
    private final EvidenceReports reports;
    private final EvidenceSigner signer;
    private final EvidenceSealing sealing;
    private final AuditLog audit;
    private final AnalysisQueue queue;
    private final ForensicsProperties properties;
    private final Clock clock;
    private final SecureRandom random;

    InvestigationAnalyser(JdbcClient jdbc, TransactionTemplate transaction, Investigations investigations, UntrustedImages images,
                          List<SampleExaminer> examiners, EvidenceReports reports, EvidenceSigner signer, EvidenceSealing sealing, AuditLog audit,
                          AnalysisQueue queue, ForensicsProperties properties, Clock clock, SecureRandom random) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.investigations = investigations;
        this.images = images;
        this.examiners = examiners;
        this.reports = reports;
        this.signer = signer;
        this.sealing = sealing;
        this.audit = audit;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
        this.random = random;
    }

    /** Analyses every investigation that is waiting (or whose analysis stalled) on this thread; returns how many completed. */
    public int analyseDue() {
        int completed = 0;
        for (String id : due()) {
            completed += analyse(id) ? 1 : 0;
        }
        return completed;
    }

    /** The sweep of the background mode: hands waiting and stalled investigations to the workers. */
    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
    void sweep() {
        if (queue.inBackground()) {
            due().forEach(queue::submit);
        }
    }

    private List<String> due() {
        return jdbc.sql("""
                        SELECT id FROM forensics_investigation
                        WHERE status = 'QUEUED' OR (status = 'RUNNING' AND started_at < :stalled) ORDER BY created_at LIMIT 100""")
                .param("stalled", clock.millis() - properties.stalledAfter().toMillis()).query(String.class).list();
    }

    /** Claims and analyses one investigation; false when another worker has it, or it must wait (the decoders are busy). */
    boolean analyse(String id) {
        long now = clock.millis();
        // the claim: one worker on one node analyses an investigation; a stalled one (its node died) is taken over
        int claimed = jdbc.sql("""
                        UPDATE forensics_investigation SET status = 'RUNNING', started_at = :now
                        WHERE id = :id AND (status = 'QUEUED' OR (status = 'RUNNING' AND started_at < :stalled))""")
                .param("now", now).param("id", id).param("stalled", now - properties.stalledAfter().toMillis()).update();
        if (claimed == 0) {
            return false;
        }
        Investigation investigation = investigations.find(id).orElseThrow();
        for (Investigation.Sample sample : investigations.samples(id)) {
            if (sample.analysedAt() != null) {
                continue; // done before a restart
            }
            Optional<List<Finding>> findings = examine(sample, investigation.createdBy());
            if (findings.isEmpty()) {
                jdbc.sql("UPDATE forensics_investigation SET status = 'QUEUED' WHERE id = :id AND status = 'RUNNING'").param("id", id).update();
                return false;
            }
            record(id, sample, findings.get());
        }
        complete(id);
        return true;
    }

    /** The findings of one sample; empty when the image decoders are all busy (the analysis waits and resumes here). */
    private Optional<List<Finding>> examine(Investigation.Sample sample, String actor) {
        Optional<byte[]> bytes;
        try {
            bytes = investigations.sampleBytes(sample.id());
        } catch (IllegalStateException e) {
            log.warn("an evidence sample could not be decrypted");
            return Optional.of(List.of(unreadable("undecryptable")));
        }
        if (bytes.isEmpty()) {
            return Optional.of(List.of(unreadable("shredded")));
        }
        BufferedImage image;
        try {
            image = images.decode(bytes.get());
        } catch (UntrustedImages.RefusedException e) {
            if (e.problem() == UntrustedImages.Problem.BUSY) {
                return Optional.empty();
            }
            // a file that is no image we can read is a finding of its own, never a failed investigation
            return Optional.of(List.of(unreadable(e.problem().name().toLowerCase(Locale.ROOT).replace('_', '-'))));
        }
        List<Finding> found = new ArrayList<>();
        for (SampleExaminer examiner : examiners) {
            try {
                found.addAll(examiner.examine(image, actor));
            } catch (org.springframework.dao.DataAccessException e) {
                throw e; // the database, not the sample: the analysis is taken up again later
            } catch (RuntimeException e) {
                // a sample that breaks an examiner must not stall the investigation for ever (it would be retried after
                // every stalled-after); it is reported as not examined
                log.warn("an examiner failed on a sample: {}", e.getClass().getSimpleName());
                found.add(unreadable("examination-failed"));
            }
        }
        return Optional.of(found);
    }

    private static Finding unreadable(String reason) {
        return new Finding(Finding.Kind.UNREADABLE, "UNREADABLE", null, reason, java.util.Map.of());
    }

    private void record(String id, Investigation.Sample sample, List<Finding> findings) {
        long now = clock.millis();
        transaction.executeWithoutResult(s -> {
            for (Finding f : findings) {
                jdbc.sql("""
                                INSERT INTO forensics_finding (id, investigation_id, sample_id, position, kind, outcome, confidence, reason, evidence, found_at)
                                VALUES (:id, :inv, :s, :p, :k, :o, :c, :r, :e, :now)""")
                        .param("id", RandomIds.uuid(random)).param("inv", id).param("s", sample.id()).param("p", sample.position())
                        .param("k", f.kind().name()).param("o", f.outcome()).param("c", f.confidence() == null ? null : f.confidence().toString())
                        .param("r", f.reason()).param("e", investigations.detailsJson(f.details())).param("now", now).update();
            }
            jdbc.sql("UPDATE forensics_sample SET analysed_at = :now WHERE id = :id").param("now", now).param("id", sample.id()).update();
            jdbc.sql("UPDATE forensics_investigation SET files_done = files_done + 1 WHERE id = :id").param("id", id).update();
        });
    }

    /** Builds, signs and stores the report, and appends its hash to the audit chain, in one transaction. */
    private void complete(String id) {
        Instant completedAt = clock.instant();
        Investigation.Detail detail = investigations.detail(investigations.find(id).orElseThrow());
        String verdict = Verdicts.of(detail.findings().stream().map(Investigation.SampleFinding::finding).toList());
        byte[] canonical = reports.canonical(detail, verdict, completedAt, signer.keyId());
        byte[] signature = signer.sign(canonical);
        String sha256 = HexFormat.of().formatHex(EvidenceSigner.sha256(canonical));
        transaction.executeWithoutResult(s -> {
            int n = jdbc.sql("""
                            UPDATE forensics_investigation SET status = 'COMPLETE', completed_at = :at, verdict = :v, report = :r, report_sha256 = :h,
                                   report_signature = :sig, report_key_id = :k
                            WHERE id = :id AND status = 'RUNNING'""")
                    .param("at", completedAt.toEpochMilli()).param("v", verdict).param("r", new String(canonical, StandardCharsets.UTF_8))
                    .param("h", sha256).param("sig", Base64.getEncoder().encodeToString(signature)).param("k", signer.keyId()).param("id", id)
                    .update();
            if (n == 0) {
                return; // completed by a worker that took over a stalled analysis
            }
            // the report's hash in the hash chain: altering the stored report later shows against the chain and its signed checkpoints
            long seq = audit.record(AuditEvent.named("forensics_report_signed").actor(detail.investigation().createdBy())
                    .subject("forensics-investigation:" + id).reason("forensics.report.signed").detail("reportSha256", sha256)
                    .detail("keyId", signer.keyId()).detail("verdict", verdict));
            jdbc.sql("UPDATE forensics_investigation SET report_audit_seq = :seq WHERE id = :id").param("seq", seq).param("id", id).update();
        });
    }

    /**
     * Crypto-shreds the samples of investigations older than {@code sample-retention}: the wrapped data keys are
     * forgotten (then the ciphertexts deleted), audited; reports and file hashes stay.
     */
    @Scheduled(fixedDelayString = "${benteng.forensics.purge-interval:PT1H}", initialDelayString = "PT2M")
    public int purgeExpired() {
        long cutoff = clock.instant().atZone(ZoneOffset.UTC).minus(properties.sampleRetention()).toInstant().toEpochMilli();
        List<String> due = jdbc.sql("""
                        SELECT id FROM forensics_investigation WHERE created_at <= :cutoff AND samples_shredded_at IS NULL
                        ORDER BY created_at LIMIT 500""").param("cutoff", cutoff).query(String.class).list();
        int shredded = 0;
        for (String id : due) {
            shredded += shred(id, "forensics.retention.expired") ? 1 : 0;
        }
        return shredded;
    }

    private boolean shred(String id, String reason) {
        long now = clock.millis();
        List<String> blobs = jdbc.sql("SELECT blob_name FROM forensics_sample WHERE investigation_id = :id AND shredded_at IS NULL AND blob_name IS NOT NULL")
                .param("id", id).query(String.class).list();
        // keys first, in one transaction, claimed by the guarded UPDATE: once it commits the ciphertexts are noise
        boolean claimed = Boolean.TRUE.equals(transaction.execute(s -> {
            int n = jdbc.sql("UPDATE forensics_investigation SET samples_shredded_at = :now WHERE id = :id AND samples_shredded_at IS NULL")
                    .param("now", now).param("id", id).update();
            if (n == 0) {
                return false;
            }
            jdbc.sql("UPDATE forensics_sample SET data_key = NULL, shredded_at = :now WHERE investigation_id = :id AND shredded_at IS NULL")
                    .param("now", now).param("id", id).update();
            audit.record(AuditEvent.named("sensitive_delete").subject("forensics-investigation:" + id).reason(reason).detail("samples", blobs.size()));
            return true;
        }));
        if (claimed) {
            for (String blob : blobs) {
                try {
                    sealing.deleteCiphertext(blob);
                } catch (RuntimeException e) {
                    log.warn("could not delete a shredded evidence blob ({}); its data key is already destroyed", e.getClass().getSimpleName());
                }
            }
        }
        return claimed;
    }
}
