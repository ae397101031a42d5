package my.benteng.forensics.internal;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.ekyc.EvidenceSealing;
import my.benteng.ekyc.UntrustedImages;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.RandomIds;
import my.benteng.platform.RefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Investigations as the analysts' API sees them: opened with their samples (each sealed with the vault's envelope
 * encryption before its row commits), read back with findings and progress, their signed reports. Every read is a
 * {@code sensitive_read} audit entry; opening one is a {@code sensitive_create}.
 */
@Component
public class Investigations {

    private static final Logger log = LoggerFactory.getLogger(Investigations.class);
    static final int MAX_TITLE = 200;
    static final int MAX_NOTES = 4000;

    /** An uploaded file as received: its name is hostile text and is only ever used through {@link FileNames#safe}. */
    public record Upload(String uploadedName, byte[] bytes) {
        @Override
        public String toString() {
            return "Upload[" + (bytes == null ? 0 : bytes.length) + " bytes]";
        }
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final EvidenceSealing sealing;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final ForensicsProperties properties;
    private final JsonMapper json;
    private final AnalysisQueue queue;
    private final UntrustedImages images;

    Investigations(JdbcClient jdbc, TransactionTemplate transaction, EvidenceSealing sealing, AuditLog audit, Clock clock, SecureRandom random,
                   ForensicsProperties properties, JsonMapper json, AnalysisQueue queue, UntrustedImages images) {
        this.images = images;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.sealing = sealing;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.properties = properties;
        this.json = json;
        this.queue = queue;
    }

    /** Opens an investigation of {@code uploads} for {@code actor}; the analysis runs after the commit. */
    public Investigation open(List<Upload> uploads, String title, String notes, String actor, String clientIp) throws IOException {
        List<Upload> files = uploads == null ? List.of() : uploads.stream().filter(u -> u != null && u.bytes() != null).toList();
        if (files.isEmpty() || files.stream().allMatch(u -> u.bytes().length == 0)) {
            throw new RefusedException(new ForensicsRefusal.NoFiles());
        }
        if (files.size() > properties.maxFiles()) {
            throw new RefusedException(new ForensicsRefusal.TooManyFiles(properties.maxFiles()));
        }
        String cleanTitle = text("title", title, MAX_TITLE, false);
        String cleanNotes = text("notes", notes, MAX_NOTES, true);
        // a soft cap on queued analyst work, counted before the blobs are written; two analysts racing past it by one is harmless
        long pending = jdbc.sql("SELECT COUNT(*) FROM forensics_investigation WHERE status IN ('QUEUED', 'RUNNING')").query(Long.class).single();
        if (pending >= properties.maxPending()) {
            throw new RefusedException(new ForensicsRefusal.TooManyPending(Duration.ofSeconds(30)));
        }
        String id = RandomIds.uuid(random);
        Instant now = clock.instant();
        List<Object[]> rows = new ArrayList<>();
        List<String> written = new ArrayList<>();
        try {
            // ciphertexts first, rows second: a crash leaves at worst an orphan blob nobody can decrypt (its key was never stored)
            for (int i = 0; i < files.size(); i++) {
                Upload u = files.get(i);
                String sampleId = RandomIds.uuid(random);
                EvidenceSealing.Sealed sealed = sealing.seal(sampleId, u.bytes());
                written.add(sealed.blobName());
                rows.add(new Object[]{sampleId, id, i + 1, FileNames.safe(u.uploadedName(), i + 1), (long) u.bytes().length,
                        HexFormat.of().formatHex(EvidenceSigner.sha256(u.bytes())), sealed.blobName(), sealed.wrappedKey(), now.toEpochMilli()});
            }
            transaction.executeWithoutResult(s -> {
                jdbc.sql("""
                                INSERT INTO forensics_investigation (id, title, notes, created_by, created_at, status, files_total, files_done)
                                VALUES (:id, :t, :n, :by, :now, 'QUEUED', :total, 0)""")
                        .param("id", id).param("t", cleanTitle).param("n", cleanNotes).param("by", actor).param("now", now.toEpochMilli())
                        .param("total", rows.size()).update();
                for (Object[] r : rows) {
                    jdbc.sql("""
                                    INSERT INTO forensics_sample (id, investigation_id, position, file_name, size_bytes, sha256, blob_name, data_key, received_at)
                                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""").params(List.of(r)).update();
                }
                audit.record(AuditEvent.named("sensitive_create").actor(actor).clientIp(clientIp).subject("forensics-investigation:" + id)
                        .reason("forensics.investigation.opened").detail("files", rows.size())
                        .detail("sha256", String.join(",", rows.stream().map(r -> ((String) r[5]).substring(0, 16)).toList())));
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        queue.submit(id);
                    }
                });
            });
        } catch (IOException | RuntimeException e) {
            for (String blob : written) {
                try {
                    sealing.deleteCiphertext(blob);
                } catch (RuntimeException cleanup) {
                    log.warn("could not delete an unused evidence blob ({})", cleanup.getClass().getSimpleName());
                }
            }
            throw e;
        }
        return find(id).orElseThrow();
    }

    /** Free text an analyst wrote: bounded, and no control or bidi characters (they forge log lines and reports). */
    private static String text(String field, String value, int max, boolean lines) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new InvalidValueException(field, "is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            boolean bidi = (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F';
            boolean lineBreak = lines && (c == '\n' || c == '\r' || c == '\t');
            if ((Character.isISOControl(c) && !lineBreak) || bidi || type == Character.UNASSIGNED || type == Character.SURROGATE && !validPair(value, i)) {
                throw new InvalidValueException(field, "contains control, direction or invalid characters");
            }
        }
        return value.strip();
    }

    private static boolean validPair(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The investigation without auditing (for the module's own use). */
    Optional<Investigation> find(String id) {
        if (!RandomIds.isUuid(id)) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        SELECT id, title, notes, created_by, created_at, status, files_total, files_done, completed_at, verdict,
                               report_sha256, report_key_id, report_audit_seq, samples_shredded_at
                        FROM forensics_investigation WHERE id = :id""").param("id", id).query(Investigations::row).optional();
    }

    /** One investigation with its samples and findings; audited as a sensitive read. */
    public Investigation.Detail read(String id, String actor, String clientIp) {
        Investigation investigation = find(id).orElseThrow(() -> new RefusedException(new ForensicsRefusal.NotFound()));
        audited(actor, clientIp, id, "forensics.investigation.read");
        return detail(investigation);
    }

    Investigation.Detail detail(Investigation investigation) {
        List<Investigation.Sample> samples = samples(investigation.id());
        Map<Integer, String> names = new LinkedHashMap<>();
        samples.forEach(s -> names.put(s.position(), s.fileName()));
        List<Investigation.SampleFinding> findings = jdbc.sql("""
                        SELECT position, kind, outcome, confidence, reason, evidence FROM forensics_finding
                        WHERE investigation_id = :id ORDER BY position, kind, id""").param("id", investigation.id())
                .query((rs, n) -> new Investigation.SampleFinding(rs.getInt(1), names.get(rs.getInt(1)), new Finding(
                        Finding.Kind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4) == null ? null : Double.valueOf(rs.getString(4)),
                        rs.getString(5), details(rs.getString(6))))).list();
        return new Investigation.Detail(investigation, samples, findings);
    }

    List<Investigation.Sample> samples(String investigationId) {
        return jdbc.sql("""
                        SELECT id, position, file_name, size_bytes, sha256, received_at, analysed_at, shredded_at FROM forensics_sample
                        WHERE investigation_id = :id ORDER BY position""").param("id", investigationId)
                .query((rs, n) -> new Investigation.Sample(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6)), instant(rs, 7), instant(rs, 8))).list();
    }

    /** The newest investigations first, one page; audited as a sensitive read. */
    public List<Investigation> list(int page, int size, String actor, String clientIp) {
        audited(actor, clientIp, "*", "forensics.investigation.list");
        return jdbc.sql("""
                        SELECT id, title, notes, created_by, created_at, status, files_total, files_done, completed_at, verdict,
                               report_sha256, report_key_id, report_audit_seq, samples_shredded_at
                        FROM forensics_investigation ORDER BY created_at DESC, id LIMIT :size OFFSET :offset""")
                .param("size", size).param("offset", (long) page * size).query(Investigations::row).list();
    }

    /** The signed report of a completed investigation; audited as a sensitive read. */
    public Investigation.SignedReport report(String id, String actor, String clientIp, String what) {
        Investigation investigation = find(id).orElseThrow(() -> new RefusedException(new ForensicsRefusal.NotFound()));
        if (investigation.status() != Investigation.Status.COMPLETE) {
            throw new RefusedException(new ForensicsRefusal.ReportNotReady());
        }
        audited(actor, clientIp, id, "forensics.report." + what);
        return signedReport(id);
    }

    /** The PDF rendering of a completed investigation's report, with thumbnails of the samples still retained; audited. */
    public byte[] pdf(String id, String actor, String clientIp, String baseUrl) {
        Investigation.SignedReport report = report(id, actor, clientIp, "pdf");
        Investigation.Detail detail = detail(find(id).orElseThrow());
        Map<Integer, java.awt.image.BufferedImage> thumbnails = new java.util.HashMap<>();
        for (Investigation.Sample s : detail.samples()) {
            try {
                sampleBytes(s.id()).map(images::decode).ifPresent(image -> thumbnails.put(s.position(), ReportPdf.thumbnail(image)));
            } catch (UntrustedImages.RefusedException | IllegalStateException e) {
                // not an image (it has an UNREADABLE finding), or not decryptable: the PDF says there is no thumbnail
            }
        }
        return ReportPdf.render(detail, report, thumbnails, baseUrl);
    }

    Investigation.SignedReport signedReport(String id) {
        return jdbc.sql("SELECT report, report_signature, report_key_id, report_sha256, report_audit_seq FROM forensics_investigation WHERE id = :id")
                .param("id", id).query((rs, n) -> new Investigation.SignedReport(rs.getString(1).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.util.Base64.getDecoder().decode(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getObject(5) == null ? null : rs.getLong(5))).single();
    }

    /** The decrypted bytes of a sample that was not shredded yet, for the analysis and the PDF's thumbnails only. */
    Optional<byte[]> sampleBytes(String sampleId) {
        return jdbc.sql("SELECT blob_name, data_key FROM forensics_sample WHERE id = :id AND shredded_at IS NULL AND data_key IS NOT NULL")
                .param("id", sampleId).query((rs, n) -> new EvidenceSealing.Sealed(rs.getString(1), rs.getString(2))).optional()
                .map(sealed -> sealing.open(sampleId, sealed));
    }

    private void audited(String actor, String clientIp, String id, String reason) {
        audit.record(AuditEvent.named("sensitive_read").actor(actor).clientIp(clientIp).subject("forensics-investigation:" + id).reason(reason));
    }

    Map<String, String> details(String evidence) {
        if (evidence == null || evidence.isEmpty()) {
            return Map.of();
        }
        return json.readValue(evidence, new TypeReference<LinkedHashMap<String, String>>() {
        });
    }

    String detailsJson(Map<String, String> details) {
        return details.isEmpty() ? null : json.writeValueAsString(details);
    }

    private static Investigation row(ResultSet rs, int n) throws SQLException {
        return new Investigation(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)),
                Investigation.Status.valueOf(rs.getString(6)), rs.getInt(7), rs.getInt(8), instant(rs, 9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getObject(13) == null ? null : rs.getLong(13), instant(rs, 14));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
