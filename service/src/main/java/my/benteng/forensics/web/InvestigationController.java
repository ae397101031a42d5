package my.benteng.forensics.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import my.benteng.forensics.internal.EvidenceSigner;
import my.benteng.forensics.internal.Finding;
import my.benteng.forensics.internal.Investigation;
import my.benteng.forensics.internal.Investigations;
import my.benteng.forensics.internal.Verdicts;
import my.benteng.platform.ClientIp;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.QueryNumbers;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/forensics}: leak investigations for security analysts (the role is checked before any body is read).
 * Every read is audited; nothing here ever returns a sample's bytes or an uploaded file name as sent.
 */
@RestController
@RequestMapping("/api/v1/forensics")
@Tag(name = "Leak forensics")
class InvestigationController {

    static final int MAX_PAGE_SIZE = 100;

    private final Investigations investigations;
    private final EvidenceSigner signer;
    private final PlatformProperties platform;

    InvestigationController(Investigations investigations, EvidenceSigner signer, PlatformProperties platform) {
        this.investigations = investigations;
        this.signer = signer;
        this.platform = platform;
    }

    record Opened(String investigationId, String status) {
    }

    record Progress(int filesDone, int filesTotal) {
    }

    record ReportRef(String sha256, String keyId, Long auditSeq) {
    }

    record View(String investigationId, String status, String title, Instant createdAt, String createdBy, Progress progress,
                List<Map<String, Object>> findings, String verdict, List<String> attack, Instant completedAt, ReportRef report) {
    }

    record Summary(String investigationId, String title, String status, Instant createdAt, String createdBy, int files, String verdict) {
    }

    record Page(List<Summary> investigations, int page, int size) {
    }

    @Operation(summary = "Open a leak investigation",
            description = "Multipart: one or more 'files' (leaked images, JPEG or PNG by content; ≤ 5 MB each, ≤ 11 MB in all, ≤ 8 files), "
                    + "optional 'title' (≤ 200 characters) and 'notes' (≤ 4,000). The analysis runs in the background: poll the investigation.")
    @PostMapping(path = "/investigations", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Opened> open(@RequestParam(name = "files", required = false) List<MultipartFile> files,
                                @RequestParam(name = "title", required = false) String title,
                                @RequestParam(name = "notes", required = false) String notes,
                                Principal who, HttpServletRequest http) throws IOException {
        List<Investigations.Upload> uploads = new ArrayList<>();
        for (MultipartFile f : files == null ? List.<MultipartFile>of() : files) {
            uploads.add(new Investigations.Upload(f.getOriginalFilename(), f.getBytes()));
        }
        Investigation opened = investigations.open(uploads, title, notes, who.getName(), ClientIp.of(http).text());
        return ResponseEntity.created(URI.create("/api/v1/forensics/investigations/" + opened.id())).cacheControl(CacheControl.noStore())
                .body(new Opened(opened.id(), opened.status().name()));
    }

    @Operation(summary = "List investigations, newest first")
    @GetMapping("/investigations")
    ResponseEntity<Page> list(@RequestParam(name = "page", required = false) String page, @RequestParam(name = "size", required = false) String size,
                              Principal who, HttpServletRequest http) {
        int p = QueryNumbers.wholeNumber("page", page, 0, 0, 100_000);
        int n = QueryNumbers.wholeNumber("size", size, 20, 1, MAX_PAGE_SIZE);
        List<Summary> items = investigations.list(p, n, who.getName(), ClientIp.of(http).text()).stream()
                .map(i -> new Summary(i.id(), i.title(), i.status().name(), i.createdAt(), i.createdBy(), i.filesTotal(), i.verdict())).toList();
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Page(items, p, n));
    }

    @Operation(summary = "An investigation: status, progress, findings, verdict and ATT&CK techniques")
    @GetMapping("/investigations/{id}")
    ResponseEntity<View> get(@PathVariable("id") String id, Principal who, HttpServletRequest http) {
        Investigation.Detail d = investigations.read(id, who.getName(), ClientIp.of(http).text());
        Investigation i = d.investigation();
        boolean complete = i.status() == Investigation.Status.COMPLETE;
        View view = new View(i.id(), i.status().name(), i.title(), i.createdAt(), i.createdBy(), new Progress(i.filesDone(), i.filesTotal()),
                d.findings().stream().map(InvestigationController::finding).toList(), i.verdict(),
                complete ? Verdicts.attack(i.verdict()) : List.of(), i.completedAt(),
                complete ? new ReportRef(i.reportSha256(), i.reportKeyId(), i.reportAuditSeq()) : null);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view);
    }

    @Operation(summary = "The signed evidence report (RFC 8785 canonical JSON)",
            description = "The body is exactly the signed bytes; X-Evidence-Signature carries the detached Ed25519 signature in base64 "
                    + "(also at …/report.sig as raw bytes). Verify with the public key at /api/v1/forensics/signing-key.")
    @GetMapping("/investigations/{id}/report")
    ResponseEntity<byte[]> report(@PathVariable("id") String id, Principal who, HttpServletRequest http) {
        Investigation.SignedReport r = investigations.report(id, who.getName(), ClientIp.of(http).text(), "json");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_JSON)
                .header("X-Evidence-Signature", Base64.getEncoder().encodeToString(r.signature()))
                .header("X-Evidence-Key-Id", r.keyId())
                .header("X-Evidence-Sha256", r.sha256())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-report.json\"")
                .body(r.json());
    }

    @Operation(summary = "The report's detached Ed25519 signature, 64 raw bytes")
    @GetMapping("/investigations/{id}/report.sig")
    ResponseEntity<byte[]> signature(@PathVariable("id") String id, Principal who, HttpServletRequest http) {
        Investigation.SignedReport r = investigations.report(id, who.getName(), ClientIp.of(http).text(), "signature");
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header("X-Evidence-Key-Id", r.keyId())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-report.sig\"")
                .body(r.signature());
    }

    @Operation(summary = "The report as a PDF: findings, thumbnails, chain of custody, verification instructions")
    @GetMapping("/investigations/{id}/report.pdf")
    ResponseEntity<byte[]> pdf(@PathVariable("id") String id, Principal who, HttpServletRequest http) {
        byte[] pdf = investigations.pdf(id, who.getName(), ClientIp.of(http).text(), base());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"evidence-report.pdf\"")
                .body(pdf);
    }

    @Operation(summary = "The public key that verifies evidence reports (PEM, Ed25519)")
    @GetMapping("/signing-key")
    ResponseEntity<String> signingKey() {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-pem-file"))
                .header("X-Evidence-Key-Id", signer.keyId()).body(signer.publicKeyPem());
    }

    private String base() {
        String s = platform.publicBaseUrl().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static Map<String, Object> finding(Investigation.SampleFinding sf) {
        Finding f = sf.finding();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", f.kind().name());
        m.put("outcome", f.outcome());
        m.put("file", sf.fileName());
        m.put("sample", sf.position());
        m.put("confidence", f.confidence());
        if (f.reason() != null) {
            m.put("reason", f.reason());
        }
        m.putAll(f.details());
        return m;
    }
}
