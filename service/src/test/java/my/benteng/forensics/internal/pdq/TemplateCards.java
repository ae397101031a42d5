package my.benteng.forensics.internal.pdq;

import my.benteng.testing.SyntheticMyKad;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * Synthetic MyKad-like cards that, unlike {@code testing.SyntheticCards}, all share one template — the same
 * background, guilloche, header, chip and emblem — as every real MyKad does, and differ only in the person: the
 * number, name, address and a procedurally drawn face (head shape, skin tone, hair or headscarf, eyes, glasses,
 * clothes, lighting). This is what makes whole-card perceptual hashes of different people sit close together, and
 * what the PDQ calibration measures. Never a real card or a real person.
 */
public final class TemplateCards {

    private static final long TEMPLATE_SEED = 1963_09_16L;
    private static final String[] GIVEN = {"AMINAH", "NUR AISYAH", "SITI HAJAR", "MEI LING", "KAVITHA", "PRIYA", "AH KOW",
            "WEI JIE", "MUTHU", "AHMAD FAIZAL", "MOHD HAFIZ", "RAJESH", "SUI LIN", "FARAH", "DANIEL", "NURUL IZZAH"};
    private static final String[] FAMILY = {"BINTI ALI", "BIN ABDULLAH", "A/L RAMASAMY", "A/P MUNIANDY", "TAN", "LIM", "WONG",
            "BINTI ISMAIL", "BIN OMAR", "A/L SUPPIAH", "CHONG", "BINTI YUSOF"};
    private static final String[] STREET = {"JALAN CONTOH", "JALAN SAMPEL", "LORONG UJIAN", "JALAN REKAAN", "TAMAN CONTOH"};
    private static final String[] TOWN = {"KUALA LUMPUR", "SHAH ALAM", "IPOH", "JOHOR BAHRU", "KOTA BHARU", "KUCHING", "GEORGE TOWN"};

    private TemplateCards() {
    }

    /** The card of synthetic person {@code person}, captured once ({@code capture} seeds the sensor noise). */
    public static BufferedImage card(long person, long capture, int width) {
        int height = (int) Math.round(width / 1.586);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            template(g, width, height);
            Random r = new Random(person);
            float unit = width / 40f;
            Rectangle text = text(width);
            g.setColor(new Color(15, 20, 40));
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.round(unit * 1.7f)));
            String number = SyntheticMyKad.random(r);
            g.drawString(number.substring(0, 6) + "-" + number.substring(6, 8) + "-" + number.substring(8), text.x, text.y + unit * 1.6f);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(unit * 1.3f)));
            g.drawString(GIVEN[r.nextInt(GIVEN.length)] + " " + FAMILY[r.nextInt(FAMILY.length)], text.x, text.y + unit * 4.4f);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.round(unit * 1.2f)));
            g.drawString("NO " + (1 + r.nextInt(199)) + ", " + STREET[r.nextInt(STREET.length)] + " " + (1 + r.nextInt(30)), text.x, text.y + unit * 6.6f);
            g.drawString((10000 + r.nextInt(89999)) + " " + TOWN[r.nextInt(TOWN.length)], text.x, text.y + unit * 8.4f);
            Rectangle photo = photo(width);
            g.setClip(photo);
            face(g, photo, r);
            g.setClip(null);
        } finally {
            g.dispose();
        }
        Random noise = new Random(person * 1_000_003L + capture);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int n = (int) Math.round(noise.nextGaussian() * 3);
                int rgb = row[x];
                row[x] = clamp(((rgb >> 16) & 0xff) + n) << 16 | clamp(((rgb >> 8) & 0xff) + n) << 8 | clamp((rgb & 0xff) + n);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    /** Where the photo is on a card {@code width} wide. */
    public static Rectangle photo(int width) {
        float unit = width / 40f;
        return new Rectangle(Math.round(width - unit * 12.5f), Math.round(unit * 6.5f), Math.round(unit * 10), Math.round(unit * 14));
    }

    /** Where the number, name and address are on a card {@code width} wide. */
    public static Rectangle text(int width) {
        float unit = width / 40f;
        int height = (int) Math.round(width / 1.586);
        return new Rectangle(Math.round(unit * 1.5f), Math.round(height - unit * 11.5f), Math.round(unit * 24), Math.round(unit * 9.5f));
    }

    /** The photo and the text block, as {@link VariableRegion} parts (fractions of the card). */
    public static final VariableRegion PHOTO_AND_TEXT = new VariableRegion(List.of(fraction(photo(1000)), fraction(text(1000))));
    /** The photo alone. */
    public static final VariableRegion PHOTO = new VariableRegion(List.of(fraction(photo(1000))));
    /** The text block alone. */
    public static final VariableRegion TEXT = new VariableRegion(List.of(fraction(text(1000))));

    /** The variable region: the photo and the text block side by side, the rest of the card (the template) left out. */
    public static BufferedImage variableRegion(BufferedImage card) {
        return PHOTO_AND_TEXT.extract(card);
    }

    private static Rectangle2D.Double fraction(Rectangle at1000) {
        double height = Math.round(1000 / 1.586);
        return new Rectangle2D.Double(at1000.x / 1000.0, at1000.y / height, at1000.width / 1000.0, at1000.height / height);
    }

    private static void template(Graphics2D g, int width, int height) {
        Random t = new Random(TEMPLATE_SEED);
        float unit = width / 40f;
        g.setPaint(new GradientPaint(0, 0, new Color(190, 215, 240), width, height, new Color(225, 200, 225)));
        g.fillRect(0, 0, width, height);
        g.setStroke(new BasicStroke(Math.max(1, width / 700f)));
        for (int i = 0; i < 24; i++) {
            g.setColor(Color.getHSBColor(0.55f + 0.02f * i, 0.35f, 0.75f));
            g.drawOval(t.nextInt(width) - width / 2, t.nextInt(height) - height / 2, width / 2 + t.nextInt(width), height / 2 + t.nextInt(height));
        }
        g.setColor(new Color(30, 50, 120));
        g.fillRect(0, 0, width, Math.round(unit * 3.2f));
        g.setColor(new Color(240, 240, 250));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.round(unit * 1.6f)));
        g.drawString("KAD PENGENALAN SINTETIK", unit * 1.5f, unit * 2.3f);
        g.setColor(new Color(200, 40, 40));
        g.setFont(new Font(Font.SERIF, Font.BOLD | Font.ITALIC, Math.round(unit * 2.2f)));
        g.drawString("MyKad", width - unit * 9, unit * 2.6f);
        // the chip
        g.setPaint(new GradientPaint(unit * 2, unit * 5, new Color(220, 190, 90), unit * 7, unit * 9, new Color(170, 140, 60)));
        g.fillRoundRect(Math.round(unit * 2), Math.round(unit * 5), Math.round(unit * 5), Math.round(unit * 4), Math.round(unit), Math.round(unit));
        g.setColor(new Color(120, 95, 40));
        g.drawLine(Math.round(unit * 4.5f), Math.round(unit * 5), Math.round(unit * 4.5f), Math.round(unit * 9));
        g.drawLine(Math.round(unit * 2), Math.round(unit * 7), Math.round(unit * 7), Math.round(unit * 7));
        // an emblem-like flower and a ghost-image frame
        g.setColor(new Color(210, 60, 80, 150));
        for (int p = 0; p < 5; p++) {
            double a = p * 2 * Math.PI / 5;
            g.fill(new Ellipse2D.Double(unit * 12 + Math.cos(a) * unit * 1.6, unit * 6 + Math.sin(a) * unit * 1.6, unit * 2.2, unit * 2.2));
        }
        g.setColor(new Color(160, 170, 200));
        g.drawRect(Math.round(unit * 27), Math.round(unit * 20.5f), Math.round(unit * 4), Math.round(unit * 4));
    }

    /** A face-like portrait that differs from person to person in everything a perceptual hash can see. */
    private static void face(Graphics2D g, Rectangle box, Random r) {
        g.setPaint(new GradientPaint(box.x, box.y, Color.getHSBColor(r.nextFloat(), 0.15f, 0.85f + 0.15f * r.nextFloat()),
                box.x + box.width, box.y + box.height, Color.getHSBColor(r.nextFloat(), 0.2f, 0.7f + 0.2f * r.nextFloat())));
        g.fillRect(box.x, box.y, box.width, box.height);
        double u = box.width / 10.0;
        double cx = box.x + box.width / 2.0 + (r.nextDouble() - 0.5) * 1.5 * u;
        double headW = u * (4.6 + 1.6 * r.nextDouble());
        double headH = u * (5.8 + 1.8 * r.nextDouble());
        double top = box.y + u * (1.5 + 1.5 * r.nextDouble());
        Color skin = new Color(120 + r.nextInt(120), 80 + r.nextInt(100), 50 + r.nextInt(90));
        Color clothes = Color.getHSBColor(r.nextFloat(), 0.2f + 0.6f * r.nextFloat(), 0.2f + 0.7f * r.nextFloat());
        int style = r.nextInt(4);
        Color hair = Color.getHSBColor(0.05f + 0.05f * r.nextFloat(), 0.3f + 0.5f * r.nextFloat(), 0.05f + 0.3f * r.nextFloat());
        // shoulders and clothes
        g.setColor(clothes);
        double shoulderW = u * (7.5 + 2.5 * r.nextDouble());
        g.fill(new java.awt.geom.RoundRectangle2D.Double(cx - shoulderW / 2, top + headH * 0.92, shoulderW, box.y + box.height - top, u * 3, u * 3));
        if (style == 2) { // a headscarf over head and shoulders, in its own colour
            Color scarf = Color.getHSBColor(r.nextFloat(), 0.2f + 0.6f * r.nextFloat(), 0.3f + 0.6f * r.nextFloat());
            g.setColor(scarf);
            g.fill(new Ellipse2D.Double(cx - headW * 0.78, top - u * 0.8, headW * 1.56, headH * 1.5));
        } else if (style == 1) { // long hair behind the head
            g.setColor(hair);
            g.fill(new java.awt.geom.RoundRectangle2D.Double(cx - headW * 0.65, top - u * 0.5, headW * 1.3, headH * (1.0 + 0.4 * r.nextDouble()), u * 3, u * 3));
        }
        g.setColor(skin);
        g.fill(new Ellipse2D.Double(cx - headW / 2, top, headW, headH));
        if (style == 0 || style == 1) { // hair on top
            g.setColor(hair);
            g.fill(new java.awt.geom.Arc2D.Double(cx - headW / 2 - u * 0.2, top - u * 0.6, headW + u * 0.4, headH * (0.5 + 0.3 * r.nextDouble()), 0, 180, java.awt.geom.Arc2D.CHORD));
        }
        // eyes, brows, nose, mouth
        double eyeY = top + headH * (0.40 + 0.08 * r.nextDouble());
        double eyeDx = headW * (0.17 + 0.08 * r.nextDouble());
        double eyeW = u * (0.6 + 0.5 * r.nextDouble());
        g.setColor(new Color(30, 25, 20));
        for (int side = -1; side <= 1; side += 2) {
            g.fill(new Ellipse2D.Double(cx + side * eyeDx - eyeW / 2, eyeY - eyeW / 4, eyeW, eyeW / 2));
            g.setStroke(new BasicStroke((float) (u * (0.15 + 0.2 * r.nextDouble()))));
            g.draw(new java.awt.geom.Line2D.Double(cx + side * eyeDx - eyeW * 0.7, eyeY - u * (0.6 + 0.4 * r.nextDouble()), cx + side * eyeDx + eyeW * 0.7, eyeY - u * 0.7));
        }
        if (r.nextInt(5) == 0) { // glasses
            g.setStroke(new BasicStroke((float) (u * 0.15)));
            for (int side = -1; side <= 1; side += 2) {
                g.draw(new Ellipse2D.Double(cx + side * eyeDx - eyeW, eyeY - eyeW * 0.7, eyeW * 2, eyeW * 1.4));
            }
        }
        g.setColor(skin.darker());
        g.setStroke(new BasicStroke((float) (u * 0.2)));
        double noseY = eyeY + headH * (0.15 + 0.08 * r.nextDouble());
        g.draw(new java.awt.geom.Line2D.Double(cx, eyeY + u * 0.5, cx + u * 0.3, noseY));
        g.setColor(new Color(120 + r.nextInt(60), 50 + r.nextInt(30), 50 + r.nextInt(30)));
        double mouthW = headW * (0.25 + 0.2 * r.nextDouble());
        g.fill(new Ellipse2D.Double(cx - mouthW / 2, noseY + headH * 0.1, mouthW, u * (0.3 + 0.4 * r.nextDouble())));
        // side lighting of the portrait
        float lightFrom = r.nextFloat();
        g.setPaint(new GradientPaint(box.x, box.y, new Color(255, 255, 255, (int) (60 * lightFrom)), box.x + box.width, box.y,
                new Color(0, 0, 0, (int) (60 * (1 - lightFrom)))));
        g.fillRect(box.x, box.y, box.width, box.height);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
