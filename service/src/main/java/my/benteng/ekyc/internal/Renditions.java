package my.benteng.ekyc.internal;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.OptionalLong;

/**
 * Renders what a relying party may see of a card image: a copy with a visible overlay (relying party,
 * purpose, date, "eKYC use only") and the invisible forensic watermark of this access.
 */
public final class Renditions {

    /** A rendition ready to send. */
    public record Rendition(byte[] jpeg, long accessId) {
        @Override
        public String toString() {
            return "Rendition[" + accessIdText(accessId) + "]";
        }
    }

    /** Embedding strengths tried in turn, as multiples of the configured one, until the rendition decodes. */
    private static final double[] GAINS = {1.0, 1.5, 2.0};
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Renditions.class);

    private final ForensicWatermark watermark;

    public Renditions(ForensicWatermark watermark) {
        this.watermark = watermark;
    }

    public Rendition render(BufferedImage original, String relyingParty, String purpose, LocalDate date, long accessId) {
        String text = relyingParty + " · " + purpose + " · " + date + " · eKYC use only";
        byte[] jpeg = null;
        for (double gain : GAINS) {
            BufferedImage copy = new BufferedImage(original.getWidth(), original.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = copy.createGraphics();
            try {
                g.drawImage(original, 0, 0, null);
                overlay(g, copy.getWidth(), copy.getHeight(), text);
            } finally {
                g.dispose();
            }
            watermark.embed(copy, accessId, gain);
            jpeg = ImageSanitiser.jpeg(copy, 0.9f);
            // A leaked rendition is only evidence if its watermark decodes. At the default strength about 2 % of
            // card/key/id combinations did not, even untouched (800 random renditions; all decoded at 1.5×), so each
            // rendition is decoded as an investigator would before it leaves, and embedded stronger if it fails.
            if (decodes(jpeg, accessId)) {
                return new Rendition(jpeg, accessId);
            }
        }
        // an image that could not be traced if it leaked must not leave at all (incident 3)
        log.warn("rendition withheld: its watermark did not verify at any strength, access={}", accessIdText(accessId));
        throw new UnattributableRenditionException();
    }

    /** No strength gave a rendition whose own watermark decodes; nothing is sent. */
    public static final class UnattributableRenditionException extends RuntimeException {
        UnattributableRenditionException() {
            super("rendition watermark did not verify", null, false, false);
        }
    }

    private boolean decodes(byte[] jpeg, long accessId) {
        try {
            BufferedImage sent = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
            OptionalLong found = sent == null ? OptionalLong.empty() : watermark.decode(sent);
            return found.isPresent() && found.getAsLong() == accessId;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void overlay(Graphics2D g, int w, int h, String text) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        int size = Math.max(10, w / 40);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        // diagonal, repeated, semi-transparent: cropping one line away leaves the others
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f));
        g.setColor(new Color(200, 0, 0));
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.atan2(h, w), w / 2.0, h / 2.0);
        int step = size * 4;
        for (int y = -h; y < 2 * h; y += step) {
            g.drawString(text, -w / 2, y);
            g.drawString(text, w / 2, y + step / 2);
        }
        g.setTransform(saved);
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.8f));
        g.setStroke(new BasicStroke(Math.max(2, w / 300f)));
        g.drawRect(2, 2, w - 5, h - 5);
    }

    public static String accessIdText(long accessId) {
        return HexFormat.of().toHexDigits(accessId).substring(4); // 48 bits = 12 hex digits
    }
}
