package my.benteng.forensics;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountRef;
import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.ekyc.internal.BlobStore;
import my.benteng.ekyc.internal.EkycFixture;
import my.benteng.ekyc.internal.Renditions;
import my.benteng.ekyc.internal.RelyingPartyClient;
import my.benteng.ekyc.internal.Transforms;
import my.benteng.forensics.internal.InvestigationAnalyser;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.ApiClient;
import my.benteng.testing.RawHttp;
import my.benteng.testing.SyntheticCards;
import my.benteng.testing.SyntheticMyKad;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static my.benteng.testing.ApiClient.assertProblem;
import static my.benteng.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leak investigations over real HTTP on each database: renditions made by the eKYC API itself, degraded as a leak
 * degrades them, uploaded by an analyst, attributed (or not), reported, signed, rendered, shredded.
 */
abstract class ForensicsContract {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;
    @Autowired
    StaffService staff;
    @Autowired
    Sessions sessions;
    @Autowired
    TestVerificationTokens tokens;
    @Autowired
    OutboxDispatcher dispatcher;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    InvestigationAnalyser analyser;
    @Autowired
    BlobStore blobs;
    @Autowired
    Renditions renditions;

    EkycFixture ekyc;
    ApiClient api;
    final Random random = new Random();

    @BeforeEach
    void setUp() {
        ekyc = new EkycFixture(port, staff, sessions, tokens, dispatcher);
        api = new ApiClient(port);
    }

    String staffToken(String role) {
        String username = "forensics-" + Integer.toString(RANDOM.nextInt(Integer.MAX_VALUE), 36);
        StaffService.CreatedStaff created = staff.create(username, List.of(role), "correct horse battery staple", "test", null);
        return sessions.issue(new AccountRef(AccountKind.STAFF, created.id()), Set.of(role)).token();
    }

    String analyst() {
        return staffToken("SECURITY_ANALYST");
    }

    /** A rendition served through the real eKYC API to a new relying party, and its access id. */
    record Served(RelyingPartyClient party, String accessId, byte[] jpeg) {
    }

    Served rendition() {
        RelyingPartyClient party = ekyc.relyingParty();
        EkycFixture.Citizen citizen = ekyc.citizen("Aminah binti Ali");
        String consent = ekyc.consent(citizen, party, EkycFixture.PURPOSE);
        String myKad = SyntheticMyKad.of(LocalDate.of(1990, 5, 17), false, random);
        HttpResponse<String> stored = party.session(myKad, consent, card(), card());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        HttpResponse<byte[]> image = party.image(json(stored).path("frontImageId").asString());
        assertThat(image.statusCode()).isEqualTo(200);
        return new Served(party, image.headers().firstValue("X-Ekyc-Access-Id").orElseThrow(), image.body());
    }

    byte[] card() {
        return SyntheticCards.jpeg(SyntheticCards.card(random.nextLong(), 1000), 0.9f);
    }

    /** What a leak does to an image: scaled to 60 %, a small crop, re-encoded as JPEG quality 50. */
    static byte[] degraded(byte[] rendition) {
        BufferedImage img = SyntheticCards.decode(rendition);
        int w = (int) Math.round(img.getWidth() * 0.6);
        int h = (int) Math.round(img.getHeight() * 0.6);
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        BufferedImage cropped = Transforms.crop(small, 0.02, 0.01, 0.01, 0.02);
        return SyntheticCards.jpeg(cropped, 0.5f);
    }

    record Part(String fileName, byte[] bytes) {
    }

    HttpResponse<String> upload(String bearer, List<Part> files, String title) {
        String boundary = "----forensics" + RANDOM.nextLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Part p : files) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"" + p.fileName()
                    + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.bytes());
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        if (title != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/forensics/investigations"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("X-Forwarded-For", api.clientIp())
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Uploads, checks the 201, runs the analysis, returns the finished investigation. */
    JsonNode investigate(String bearer, List<Part> files) {
        HttpResponse<String> opened = upload(bearer, files, "Samples offered for sale");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        assertThat(json(opened).path("status").asString()).isEqualTo("QUEUED");
        String id = json(opened).path("investigationId").asString();
        assertThat(opened.headers().firstValue("Location")).contains("/api/v1/forensics/investigations/" + id);
        analyser.analyseDue();
        HttpResponse<String> done = api.get("/api/v1/forensics/investigations/" + id, bearer);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(json(done).path("status").asString()).isEqualTo("COMPLETE");
        return json(done);
    }

    @Test
    void aDegradedRenditionIsAttributedToItsAccessAndRelyingPartyAndAnUnmarkedCardToNobody() {
        Served served = rendition();
        String analyst = analyst();
        JsonNode result = investigate(analyst, List.of(new Part("leak-01.jpg", degraded(served.jpeg())), new Part("other.jpg", card())));
        assertThat(result.path("progress").path("filesDone").asInt()).isEqualTo(2);
        JsonNode findings = result.path("findings");
        assertThat(findings.size()).isEqualTo(2);
        JsonNode leak = findings.get(0);
        assertThat(leak.path("kind").asString()).isEqualTo("WATERMARK");
        assertThat(leak.path("outcome").asString()).isEqualTo("ATTRIBUTED");
        assertThat(leak.path("file").asString()).isEqualTo("leak-01.jpg");
        assertThat(leak.path("accessId").asString()).isEqualTo(served.accessId());
        assertThat(leak.path("relyingPartyId").asString()).isEqualTo(served.party().relyingPartyId);
        assertThat(leak.path("relyingPartyName").asString()).isEqualTo("Bank Contoh Berhad");
        assertThat(leak.path("accessedAt").asString()).isNotBlank();
        assertThat(leak.path("confidence").asDouble()).isGreaterThan(0.99);
        assertThat(leak.path("purpose").asString()).isEqualTo(EkycFixture.PURPOSE);
        assertThat(leak.path("maskedCitizen").asString()).startsWith("******-**-**");
        assertThat(leak.path("sourceNetwork").asString()).isEqualTo("2001:db8:0:0:0:0:0:0/32");
        // the unmarked card: no watermark read, nobody named
        JsonNode unmarked = findings.get(1);
        assertThat(unmarked.path("outcome").asString()).isEqualTo("NOT_FOUND");
        assertThat(unmarked.has("accessId")).isFalse();
        assertThat(unmarked.has("relyingPartyId")).isFalse();
        assertThat(result.path("verdict").asString()).isEqualTo("ATTRIBUTED");
        assertThat(result.path("attack").toString()).contains("T1078").contains("T1213");
    }

    @Test
    void anUnwatermarkedCardAlonePointsAtNoOne() {
        JsonNode result = investigate(analyst(), List.of(new Part("card.jpg", card()), new Part("card.png", SyntheticCards.png(SyntheticCards.card(random.nextLong(), 800)))));
        assertThat(result.path("verdict").asString()).isEqualTo("NO_ATTRIBUTION");
        assertThat(result.path("attack").size()).isZero();
        assertThat(result.toString()).doesNotContain("relyingPartyId").doesNotContain("accessId");
    }

    @Test
    void theSignedReportVerifiesOfflineAndFailsAfterOneByteChanges() throws Exception {
        Served served = rendition();
        String analyst = analyst();
        JsonNode result = investigate(analyst, List.of(new Part("leak.jpg", degraded(served.jpeg()))));
        String id = result.path("investigationId").asString();
        HttpResponse<byte[]> report = api.getBytes("/api/v1/forensics/investigations/" + id + "/report", analyst);
        assertThat(report.statusCode()).isEqualTo(200);
        byte[] body = report.body();
        byte[] signature = Base64.getDecoder().decode(report.headers().firstValue("X-Evidence-Signature").orElseThrow());
        byte[] detached = api.getBytes("/api/v1/forensics/investigations/" + id + "/report.sig", analyst).body();
        assertThat(detached).isEqualTo(signature).hasSize(64);
        HttpResponse<String> pem = api.get("/api/v1/forensics/signing-key", null);
        assertThat(pem.statusCode()).isEqualTo(200);
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(
                pem.body().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""))));
        assertThat(verifies(key, body, signature)).isTrue();
        byte[] tampered = body.clone();
        int at = new String(body, StandardCharsets.UTF_8).indexOf(served.accessId());
        tampered[at] = (byte) (tampered[at] == '0' ? '1' : '0');
        assertThat(verifies(key, tampered, signature)).isFalse();
        // canonical already: re-canonicalising changes nothing; the content names the access
        assertThat(new JsonCanonicalizer(body).getEncodedUTF8()).isEqualTo(body);
        JsonNode content = ApiClient.JSON.readTree(body);
        assertThat(content.path("findings").get(0).path("accessId").asString()).isEqualTo(served.accessId());
        assertThat(content.path("samples").get(0).path("sha256").asString()).matches("[0-9a-f]{64}");
        // the report's hash is in the audit chain, at the sequence the investigation names
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        assertThat(report.headers().firstValue("X-Evidence-Sha256")).contains(sha);
        String details = jdbc.sql("SELECT details FROM audit_entry WHERE event = 'forensics_report_signed' AND subject = :s")
                .param("s", "forensics-investigation:" + id).query(String.class).single();
        assertThat(details).contains(sha);
        assertThat(result.path("report").path("auditSeq").asLong()).isEqualTo(jdbc.sql(
                "SELECT seq FROM audit_entry WHERE event = 'forensics_report_signed' AND subject = :s")
                .param("s", "forensics-investigation:" + id).query(Long.class).single());
        opensslVerifies(pem.body(), body, signature, tampered);
    }

    /** The documented offline command, run for real when openssl is installed (it is on the project's machines). */
    private static void opensslVerifies(String pem, byte[] body, byte[] signature, byte[] tampered) throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        if (!Files.isExecutable(openssl)) {
            return;
        }
        Path dir = Files.createTempDirectory("evidence");
        try {
            Files.writeString(dir.resolve("evidence-key.pem"), pem);
            Files.write(dir.resolve("report.json"), body);
            Files.write(dir.resolve("tampered.json"), tampered);
            Files.write(dir.resolve("report.sig"), signature);
            assertThat(run(dir, openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", "evidence-key.pem", "-rawin", "-in", "report.json",
                    "-sigfile", "report.sig")).isZero();
            assertThat(run(dir, openssl.toString(), "pkeyutl", "-verify", "-pubin", "-inkey", "evidence-key.pem", "-rawin", "-in", "tampered.json",
                    "-sigfile", "report.sig")).isNotZero();
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    private static int run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private static boolean verifies(PublicKey key, byte[] body, byte[] signature) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(key);
        s.update(body);
        return s.verify(signature);
    }

    @Test
    void thePdfOpensAndNamesTheAccessWithCustodyAndInstructions() throws Exception {
        Served served = rendition();
        String analyst = analyst();
        JsonNode result = investigate(analyst, List.of(new Part("leak.jpg", degraded(served.jpeg()))));
        String id = result.path("investigationId").asString();
        HttpResponse<byte[]> pdf = api.getBytes("/api/v1/forensics/investigations/" + id + "/report.pdf", analyst);
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(served.accessId()).contains("Chain of custody").contains("openssl pkeyutl -verify")
                    .contains(result.path("report").path("sha256").asString());
            assertThat(doc.getPage(0).getResources().getXObjectNames()).isNotEmpty(); // the sample's thumbnail
        }
    }

    @Test
    void everyReadIsAuditedAsASensitiveRead() {
        String analyst = analyst();
        JsonNode result = investigate(analyst, List.of(new Part("card.jpg", card())));
        String id = result.path("investigationId").asString();
        long before = sensitiveReads(id);
        assertThat(api.get("/api/v1/forensics/investigations/" + id, analyst).statusCode()).isEqualTo(200);
        assertThat(api.getBytes("/api/v1/forensics/investigations/" + id + "/report", analyst).statusCode()).isEqualTo(200);
        assertThat(sensitiveReads(id)).isEqualTo(before + 2);
        HttpResponse<String> list = api.get("/api/v1/forensics/investigations?size=100", analyst);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(id);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'sensitive_create' AND subject = :s")
                .param("s", "forensics-investigation:" + id).query(Long.class).single()).isEqualTo(1);
    }

    private long sensitiveReads(String id) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'sensitive_read' AND subject = :s")
                .param("s", "forensics-investigation:" + id).query(Long.class).single();
    }

    @Test
    void callersWithoutTheAnalystRoleAreRefused() {
        assertProblem(upload(null, List.of(new Part("a.jpg", card())), null), 401, "unauthenticated");
        assertProblem(upload(staffToken("OPERATOR"), List.of(new Part("a.jpg", card())), null), 403, "forbidden");
        assertThat(api.get("/api/v1/forensics/investigations", staffToken("HELPDESK_AGENT")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/forensics/investigations", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aWatermarkNamingNoRecordedAccessIsInconclusiveAndTwoAveragedRenditionsNeverAccuseAThirdParty() {
        // this deployment's key, an id no rendition ever carried: the keyed check passes, yet nobody may be named
        byte[] forged = renditions.render(SyntheticCards.card(random.nextLong(), 1000), "Nobody Sdn Bhd", "ACCOUNT_OPENING",
                LocalDate.of(2026, 12, 5), random.nextLong() & 0xffff_ffff_ffffL).jpeg();
        Served a = rendition();
        Served b = rendition();
        JsonNode result = investigate(analyst(), List.of(new Part("forged.jpg", forged),
                new Part("averaged.jpg", SyntheticCards.jpeg(average(SyntheticCards.decode(a.jpeg()), SyntheticCards.decode(b.jpeg())), 0.9f))));
        JsonNode forgedFinding = result.path("findings").get(0);
        assertThat(forgedFinding.path("outcome").asString()).isEqualTo("INCONCLUSIVE");
        assertThat(forgedFinding.has("accessId")).isFalse();
        assertThat(forgedFinding.has("relyingPartyId")).isFalse();
        JsonNode averaged = result.path("findings").get(1);
        if ("ATTRIBUTED".equals(averaged.path("outcome").asString())) {
            assertThat(averaged.path("accessId").asString()).isIn(a.accessId(), b.accessId());
        } else {
            assertThat(averaged.has("relyingPartyId")).isFalse();
        }
        assertThat(result.path("verdict").asString()).isIn("INCONCLUSIVE", "ATTRIBUTED");
    }

    private static BufferedImage average(BufferedImage x, BufferedImage y) {
        BufferedImage out = new BufferedImage(Math.min(x.getWidth(), y.getWidth()), Math.min(x.getHeight(), y.getHeight()), BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < out.getHeight(); j++) {
            for (int i = 0; i < out.getWidth(); i++) {
                int p = x.getRGB(i, j);
                int q = y.getRGB(i, j);
                int r = (((p >> 16) & 0xff) + ((q >> 16) & 0xff)) / 2;
                int g = (((p >> 8) & 0xff) + ((q >> 8) & 0xff)) / 2;
                out.setRGB(i, j, (r << 16) | (g << 8) | (((p & 0xff) + (q & 0xff)) / 2));
            }
        }
        return out;
    }

    @Test
    void anUploadIsRefusedBeforeItsBodyIsAskedForUnlessTheCallerIsAnAnalyst() {
        // only the head, announcing 10 MB and asking first (Expect: 100-continue): the server must answer without the body
        for (String[] caller : new String[][]{{null, "401", "unauthenticated"}, {staffToken("OPERATOR"), "403", "forbidden"},
                {"not-a-session-" + RANDOM.nextInt(), "401", "invalid-token"}}) {
            java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put("Content-Type", "multipart/form-data; boundary=x" + RANDOM.nextInt(Integer.MAX_VALUE));
            headers.put("X-Forwarded-For", api.clientIp());
            if (caller[0] != null) {
                headers.put("Authorization", "Bearer " + caller[0]);
            }
            RawHttp.assertProblem(RawHttp.headOnly(port, "POST", "/api/v1/forensics/investigations", headers, 10_000_000, true),
                    Integer.parseInt(caller[1]), caller[2]);
        }
    }

    @Test
    void hostileFilesBecomeUnreadableFindingsAndNamesAreNeverEchoed() {
        byte[] jpeg = card();
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        byte[] zip = java.util.Arrays.copyOfRange(SyntheticCards.withZipAppended(new byte[0]), 0, SyntheticCards.withZipAppended(new byte[0]).length);
        List<Part> parts = new ArrayList<>(List.of(
                new Part("../../etc/passwd", garbage),
                new Part("dump.zip", zip),
                new Part("bomb.png", SyntheticCards.pixelFloodPng(60_000, 60_000)),
                new Part("truncated.jpg", java.util.Arrays.copyOf(jpeg, jpeg.length / 3)),
                new Part("poly\u202Egpj.jpg", SyntheticCards.withZipAppended(jpeg)),
                new Part("empty.jpg", new byte[0])));
        JsonNode result = investigate(analyst(), parts);
        JsonNode findings = result.path("findings");
        assertThat(outcomeOf(findings, 1)).isEqualTo("UNREADABLE not-an-image");
        assertThat(outcomeOf(findings, 2)).isEqualTo("UNREADABLE not-an-image");
        assertThat(outcomeOf(findings, 3)).isEqualTo("UNREADABLE too-many-pixels");
        assertThat(outcomeOf(findings, 4)).isIn("UNREADABLE unreadable", "WATERMARK no-watermark-read");
        assertThat(outcomeOf(findings, 5)).isEqualTo("WATERMARK no-watermark-read");
        assertThat(outcomeOf(findings, 6)).isEqualTo("UNREADABLE empty");
        assertThat(result.path("verdict").asString()).isEqualTo("NO_ATTRIBUTION");
        String text = result.toString();
        assertThat(text).doesNotContain("..").doesNotContain("/etc").doesNotContain("\u202E").doesNotContain("\\u202e");
        for (JsonNode f : findings) {
            assertThat(f.path("file").asString()).matches("[A-Za-z0-9_-][A-Za-z0-9._-]{0,79}");
        }
    }

    private static String outcomeOf(JsonNode findings, int sample) {
        for (JsonNode f : findings) {
            if (f.path("sample").asInt() == sample) {
                return f.path("kind").asString() + " " + f.path("reason").asString();
            }
        }
        return "none";
    }

    @Test
    void badRequestsAreProblemsThatEchoNothing() {
        String analyst = analyst();
        assertProblem(upload(analyst, List.of(), "nothing"), 400, "no-files");
        List<Part> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new Part("f" + i + ".jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1}));
        }
        HttpResponse<String> tooMany = upload(analyst, nine, null);
        assertProblem(tooMany, 413, "too-many-files");
        assertThat(tooMany.body()).doesNotContain("f8.jpg");
        // past the container's part limit (10 parts) the multipart parser refuses before the controller counts
        List<Part> many = new ArrayList<>(nine);
        many.addAll(List.of(new Part("g1.jpg", new byte[]{1}), new Part("g2.jpg", new byte[]{2}), new Part("g3.jpg", new byte[]{3})));
        HttpResponse<String> tooManyParts = upload(analyst, many, "title");
        assertThat(tooManyParts.statusCode()).as(tooManyParts.body()).isIn(400, 413);
        assertThat(tooManyParts.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(tooManyParts.body()).doesNotContain("g3.jpg").doesNotContain("Exception");
        byte[] big = new byte[6 * 1024 * 1024];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        assertProblem(upload(analyst, List.of(new Part("big-secret-name.jpg", big)), null), 413, "payload-too-large");
        assertProblem(upload(analyst, List.of(new Part("a.jpg", card())), "bad\u0007title"), 400, "invalid-request");
        assertProblem(api.get("/api/v1/forensics/investigations/not-a-uuid", analyst), 404, "investigation-not-found");
        assertProblem(api.get("/api/v1/forensics/investigations/00000000-0000-4000-8000-000000000000", analyst), 404, "investigation-not-found");
        HttpResponse<String> opened = upload(analyst, List.of(new Part("a.jpg", card())), null);
        String id = json(opened).path("investigationId").asString();
        assertProblem(api.get("/api/v1/forensics/investigations/" + id + "/report", analyst), 409, "report-not-ready");
        analyser.analyseDue();
    }

    @Test
    void moreWaitingInvestigationsThanTheCapAreRefusedWithRetryAfter() {
        String analyst = analyst();
        analyser.analyseDue(); // what earlier tests left waiting
        HttpResponse<String> last = null;
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            last = upload(analyst, List.of(new Part("tiny.bin", new byte[]{(byte) i})), null);
            if (last.statusCode() != 201) {
                break;
            }
            opened.add(json(last).path("investigationId").asString());
        }
        assertProblem(last, 429, "investigations-busy");
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(opened).hasSize(20);
        analyser.analyseDue();
        for (String id : opened) {
            assertThat(json(api.get("/api/v1/forensics/investigations/" + id, analyst)).path("findings").get(0).path("reason").asString())
                    .isEqualTo("not-an-image");
        }
    }

    @Test
    void samplesAreSealedAtRestAndCryptoShreddedAfterRetentionWhileTheReportStaysVerifiable() throws Exception {
        String analyst = analyst();
        byte[] sample = card();
        JsonNode result = investigate(analyst, List.of(new Part("card.jpg", sample)));
        String id = result.path("investigationId").asString();
        String blob = jdbc.sql("SELECT blob_name FROM forensics_sample WHERE investigation_id = :id").param("id", id).query(String.class).single();
        assertThat(blobs.exists(blob)).isTrue();
        try (var in = blobs.open(blob)) {
            byte[] stored = in.readAllBytes();
            assertThat(indexOf(stored, java.util.Arrays.copyOfRange(sample, 100, 164))).isNegative(); // ciphertext, not the image
        }
        TestClock.INSTANCE.advance(Duration.ofDays(181));
        analyser.purgeExpired();
        analyst = analyst(); // the first session expired with the half year
        assertThat(jdbc.sql("SELECT COUNT(*) FROM forensics_sample WHERE investigation_id = :id AND data_key IS NULL AND shredded_at IS NOT NULL")
                .param("id", id).query(Long.class).single()).isEqualTo(1);
        assertThat(blobs.exists(blob)).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE event = 'sensitive_delete' AND subject = :s")
                .param("s", "forensics-investigation:" + id).query(Long.class).single()).isEqualTo(1);
        HttpResponse<byte[]> pdf = api.getBytes("/api/v1/forensics/investigations/" + id + "/report.pdf", analyst);
        assertThat(pdf.statusCode()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(doc)).contains("crypto-shredded");
        }
        assertThat(api.getBytes("/api/v1/forensics/investigations/" + id + "/report", analyst).statusCode()).isEqualTo(200);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
