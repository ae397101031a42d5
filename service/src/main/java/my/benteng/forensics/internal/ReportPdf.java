package my.benteng.forensics.internal;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The readable form of an evidence report: findings, thumbnails of the samples (while they are retained), the chain of
 * custody and how to verify the signed JSON, which is the evidence; the PDF itself is a rendering of it.
 */
final class ReportPdf {

    private static final float MARGIN = 50;
    private static final float THUMB = 150;

    private final PDDocument document = new PDDocument();
    private final PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final PDFont plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDFont mono = new PDType1Font(Standard14Fonts.FontName.COURIER);
    private PDPageContentStream content;
    private float y;

    private ReportPdf() {
    }

    /** {@code thumbnails}: sample position → its {@link #thumbnail}, for samples still retained. */
    static byte[] render(Investigation.Detail detail, Investigation.SignedReport report, Map<Integer, BufferedImage> thumbnails, String baseUrl) {
        ReportPdf pdf = new ReportPdf();
        try (PDDocument doc = pdf.document; ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024)) {
            pdf.write(detail, report, thumbnails, baseUrl);
            pdf.content.close();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Investigation.Detail detail, Investigation.SignedReport report, Map<Integer, BufferedImage> thumbnails, String baseUrl)
            throws IOException {
        Investigation inv = detail.investigation();
        newPage();
        line(bold, 16, "Benteng evidence report");
        line(plain, 10, "Investigation " + inv.id());
        if (inv.title() != null) {
            line(plain, 10, "Title: " + inv.title());
        }
        line(plain, 10, "Opened by " + inv.createdBy() + " at " + inv.createdAt() + "; completed at " + inv.completedAt());
        line(bold, 12, "Verdict: " + inv.verdict());
        List<String> attack = Verdicts.attack(inv.verdict());
        line(plain, 10, "ATT&CK: " + (attack.isEmpty() ? "none supported by the evidence" : String.join(", ", attack)));
        gap();
        line(bold, 12, "Findings");
        if (detail.findings().isEmpty()) {
            line(plain, 10, "None.");
        }
        for (Investigation.SampleFinding sf : detail.findings()) {
            Finding f = sf.finding();
            line(plain, 10, "Sample " + sf.position() + " (" + sf.fileName() + "): " + f.kind() + " " + f.outcome()
                    + (f.confidence() == null ? "" : ", confidence " + f.confidence()) + (f.reason() == null ? "" : ", " + f.reason()));
            for (Map.Entry<String, String> e : f.details().entrySet()) {
                line(mono, 9, "    " + e.getKey() + ": " + e.getValue());
            }
        }
        gap();
        line(bold, 12, "Samples");
        for (Investigation.Sample s : detail.samples()) {
            BufferedImage image = thumbnails.get(s.position());
            line(plain, 10, "Sample " + s.position() + ": " + s.fileName() + ", " + s.sizeBytes() + " bytes, received " + s.receivedAt());
            line(mono, 8, "    SHA-256 " + s.sha256());
            if (image != null) {
                draw(image);
            } else {
                line(plain, 9, s.shreddedAt() != null ? "    (sample crypto-shredded at " + s.shreddedAt() + " under the retention policy)"
                        : "    (no thumbnail: the file is not a readable image)");
            }
        }
        gap();
        line(bold, 12, "Chain of custody");
        for (Investigation.Sample s : detail.samples()) {
            line(plain, 9, s.receivedAt() + "  uploaded by " + inv.createdBy() + "  sample " + s.position() + "  SHA-256 " + s.sha256().substring(0, 16) + "...");
            if (s.analysedAt() != null) {
                line(plain, 9, s.analysedAt() + "  analysed by benteng-forensics  sample " + s.position());
            }
        }
        line(plain, 9, inv.completedAt() + "  report signed (Ed25519 key " + report.keyId() + ")"
                + (report.auditSeq() == null ? "" : ", hash recorded in the audit chain at entry " + report.auditSeq()));
        gap();
        line(bold, 12, "Verification");
        line(plain, 9, "The evidence is the signed JSON report (RFC 8785 canonical form); this PDF renders it.");
        line(mono, 8, "Report SHA-256: " + report.sha256());
        line(mono, 8, "Signature (base64): " + Base64.getEncoder().encodeToString(report.signature()));
        String base = baseUrl + "/api/v1/forensics/investigations/" + inv.id();
        for (String cmd : List.of(
                "curl -H \"Authorization: Bearer $TOKEN\" " + base + "/report -o report.json",
                "curl -H \"Authorization: Bearer $TOKEN\" " + base + "/report.sig -o report.sig",
                "curl " + baseUrl + EvidenceReports.KEY_PATH + " -o evidence-key.pem",
                "openssl pkeyutl -verify -pubin -inkey evidence-key.pem -rawin -in report.json -sigfile report.sig",
                "sha256sum report.json   # must equal the hash above and the audit entry's reportSha256")) {
            line(mono, 7, cmd);
        }
    }

    /** A sample scaled to fit {@value #THUMB} points: made right after each decode, so at most one full image is held at a time. */
    static BufferedImage thumbnail(BufferedImage image) {
        double scale = Math.min(1.0, Math.min(THUMB / image.getWidth(), THUMB / image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return small;
    }

    private void draw(BufferedImage small) throws IOException {
        int w = small.getWidth();
        int h = small.getHeight();
        if (y - h < MARGIN) {
            newPage();
        }
        PDImageXObject x = JPEGFactory.createFromImage(document, small, 0.8f);
        content.drawImage(x, MARGIN + 20, y - h, w, h);
        y -= h + 6;
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void gap() {
        y -= 8;
    }

    private void line(PDFont font, float size, String text) throws IOException {
        for (String part : wrap(encodable(text), font, size)) {
            if (y - size < MARGIN) {
                newPage();
            }
            y -= size + 3;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(MARGIN, y);
            content.showText(part);
            content.endText();
        }
    }

    private static List<String> wrap(String text, PDFont font, float size) throws IOException {
        float max = PDRectangle.A4.getWidth() - 2 * MARGIN;
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (font.getStringWidth(rest) / 1000 * size > max) {
            int cut = rest.length();
            while (cut > 1 && font.getStringWidth(rest.substring(0, cut)) / 1000 * size > max) {
                cut--;
            }
            lines.add(rest.substring(0, cut));
            rest = "    " + rest.substring(cut);
        }
        lines.add(rest);
        return lines;
    }

    /** The standard fonts encode printable ASCII safely; anything else an analyst typed is shown as '?'. */
    private static String encodable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return b.toString();
    }
}
