package my.benteng.premises.internal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A printable A4 poster: a heading, the premises name, the QR code and short instructions in Malay and
 * English. PNG at 150 dpi for phones and quick printing; PDF with the code drawn as vector squares, which
 * stays sharp at any print size.
 */
final class PosterRenderer {

    static final List<String> INSTRUCTIONS = List.of(
            "1. Imbas kod QR ini dengan kamera telefon anda.",
            "2. Log masuk dengan kod yang dihantar ke telefon anda.",
            "3. Tunjukkan skrin pengesahan kepada petugas.",
            "",
            "1. Scan this QR code with your phone's camera.",
            "2. Sign in with the code sent to your phone.",
            "3. Show the confirmation screen to the staff at the door.");
    static final String HEADING_MS = "Imbas untuk daftar masuk";
    static final String HEADING_EN = "Scan to check in";

    private static final int PNG_WIDTH = 1240; // A4 at 150 dpi
    private static final int PNG_HEIGHT = 1754;

    private PosterRenderer() {
    }

    /**
     * The poster's QR code. Level M first (it survives a scuffed or partly covered poster); the code is then read back
     * with ZXing's plain QR reader, the one many scanner apps use: for about 1 in 200 URLs its detector does not find
     * or cannot sample a correct level-M symbol (measured on 600 random tokens), so the next level, whose modules fall
     * differently, is taken instead. Quiet zone of 4 modules, the standard's minimum.
     */
    static BitMatrix qr(String url) {
        BitMatrix first = null;
        for (ErrorCorrectionLevel level : new ErrorCorrectionLevel[] {ErrorCorrectionLevel.M, ErrorCorrectionLevel.Q, ErrorCorrectionLevel.L}) {
            BitMatrix matrix = encode(url, level);
            if (first == null) {
                first = matrix;
            }
            if (readsBack(matrix, url)) {
                return matrix;
            }
        }
        return first;
    }

    static BitMatrix encode(String url, ErrorCorrectionLevel level) {
        try {
            return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, level, EncodeHintType.MARGIN, 4, EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalStateException("QR code cannot hold the URL", e);
        }
    }

    /** Whether ZXing's single-symbol reader, on the matrix drawn at 8 px a module, reads {@code url}. */
    static boolean readsBack(BitMatrix matrix, String url) {
        int module = 8;
        BufferedImage image = new BufferedImage(matrix.getWidth() * module, matrix.getHeight() * module, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    if (matrix.get(x, y)) {
                        g.fillRect(x * module, y * module, module, module);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        try {
            return url.equals(new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
                    new com.google.zxing.common.HybridBinarizer(new com.google.zxing.client.j2se.BufferedImageLuminanceSource(image))),
                    Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText());
        } catch (com.google.zxing.ReaderException e) {
            return false;
        }
    }

    static byte[] png(String premisesName, String url) {
        BufferedImage image = new BufferedImage(PNG_WIDTH, PNG_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, PNG_WIDTH, PNG_HEIGHT);
            g.setColor(Color.BLACK);
            int y = 140;
            y = centred(g, new Font(Font.SANS_SERIF, Font.BOLD, 64), HEADING_MS, y);
            y = centred(g, new Font(Font.SANS_SERIF, Font.PLAIN, 48), HEADING_EN, y + 10);
            Font nameFont = new Font(Font.SANS_SERIF, Font.BOLD, 52);
            for (String line : wrap(premisesName, g.getFontMetrics(nameFont)::stringWidth, PNG_WIDTH - 160, 3)) {
                y = centred(g, nameFont, line, y + 20);
            }
            BitMatrix matrix = qr(url);
            int module = Math.max(1, 820 / matrix.getWidth());
            int size = module * matrix.getWidth();
            int left = (PNG_WIDTH - size) / 2;
            int top = y + 40;
            for (int my = 0; my < matrix.getHeight(); my++) {
                for (int mx = 0; mx < matrix.getWidth(); mx++) {
                    if (matrix.get(mx, my)) {
                        g.fillRect(left + mx * module, top + my * module, module, module);
                    }
                }
            }
            y = top + size + 30;
            Font text = new Font(Font.SANS_SERIF, Font.PLAIN, 30);
            for (String line : INSTRUCTIONS) {
                y = line.isEmpty() ? y + 16 : centred(g, text, line, y);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] pdf(String premisesName, String url) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024)) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            float width = PDRectangle.A4.getWidth();
            float height = PDRectangle.A4.getHeight();
            PDFont bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDFont plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                float y = height - 80;
                y = centred(content, bold, 30, HEADING_MS, width, y);
                y = centred(content, plain, 22, HEADING_EN, width, y - 6);
                String name = encodable(bold, premisesName);
                for (String line : wrap(name, s -> textWidth(bold, 24, s), width - 80, 3)) {
                    y = centred(content, bold, 24, line, width, y - 10);
                }
                BitMatrix matrix = qr(url);
                float module = 400f / matrix.getWidth();
                float size = module * matrix.getWidth();
                float left = (width - size) / 2;
                float top = y - 20;
                for (int my = 0; my < matrix.getHeight(); my++) {
                    for (int mx = 0; mx < matrix.getWidth(); mx++) {
                        if (matrix.get(mx, my)) {
                            content.addRect(left + mx * module, top - (my + 1) * module, module, module);
                        }
                    }
                }
                content.fill();
                y = top - size - 20;
                for (String line : INSTRUCTIONS) {
                    y = line.isEmpty() ? y - 8 : centred(content, plain, 13, line, width, y);
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int centred(Graphics2D g, Font font, String text, int y) {
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int baseline = y + metrics.getAscent();
        g.drawString(text, (PNG_WIDTH - metrics.stringWidth(text)) / 2, baseline);
        return baseline + metrics.getDescent();
    }

    private static float centred(PDPageContentStream content, PDFont font, float size, String text, float pageWidth, float y)
            throws IOException {
        float baseline = y - size;
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset((pageWidth - textWidth(font, size, text)) / 2, baseline);
        content.showText(text);
        content.endText();
        return baseline - size * 0.3f;
    }

    private static float textWidth(PDFont font, float size, String text) {
        try {
            return font.getStringWidth(text) / 1000 * size;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The standard PDF fonts cover Latin text only; characters they cannot show become {@code ?} rather than
     * failing the poster (the PNG poster draws them with the system's fonts).
     */
    static String encodable(PDFont font, String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String s = new String(Character.toChars(cp));
            try {
                font.encode(s);
                b.append(s);
            } catch (IOException | IllegalArgumentException e) {
                b.append('?');
            }
        });
        return b.toString();
    }

    /** Greedy word wrap to {@code maxLines}; a last line that does not fit ends with an ellipsis. */
    static List<String> wrap(String text, java.util.function.ToDoubleFunction<String> width, double max, int maxLines) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width.applyAsDouble(candidate) <= max || line.isEmpty()) {
                line = new StringBuilder(candidate);
            } else {
                lines.add(line.toString());
                line = new StringBuilder(word);
            }
        }
        lines.add(line.toString());
        List<String> fitted = new ArrayList<>();
        for (String l : lines.subList(0, Math.min(maxLines, lines.size()))) {
            String f = l;
            while (width.applyAsDouble(f) > max && f.length() > 1) {
                f = f.substring(0, f.length() - 2) + "…";
            }
            fitted.add(f);
        }
        if (lines.size() > maxLines) {
            String last = fitted.removeLast();
            fitted.add(last.endsWith("…") ? last : last + " …");
        }
        return fitted;
    }
}
