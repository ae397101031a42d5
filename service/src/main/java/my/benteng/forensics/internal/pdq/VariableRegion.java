package my.benteng.forensics.internal.pdq;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The parts of an identity card that differ from person to person (the photo, the text block), as fractions of the
 * card's width and height, so that one definition fits a card at any resolution. Every MyKad shares one template, and
 * whole-card PDQ hashes of different people come within the match distance of each other (see BENCHMARKS.md,
 * "Forensics: PDQ catalogue"); {@link #extract} cuts the parts out and places them side by side, left to right, on
 * white, and that image is what gets hashed.
 *
 * @param parts rectangles within the unit square (x, y, width, height as fractions of the card), at least one
 */
public record VariableRegion(List<Rectangle2D.Double> parts) {

    public VariableRegion {
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a variable region has at least one part");
        }
        for (Rectangle2D.Double p : parts) {
            if (!(p.x >= 0 && p.y >= 0 && p.width > 0 && p.height > 0 && p.x + p.width <= 1 && p.y + p.height <= 1)) {
                throw new IllegalArgumentException("each part lies within the card");
            }
        }
    }

    /** The parts of {@code card} side by side, each at the card's own resolution (at least one pixel). */
    public BufferedImage extract(BufferedImage card) {
        int w = card.getWidth(), h = card.getHeight();
        int[][] boxes = new int[parts.size()][];
        int totalWidth = 0, maxHeight = 0;
        for (int i = 0; i < boxes.length; i++) {
            Rectangle2D.Double p = parts.get(i);
            int x = Math.min(w - 1, (int) Math.floor(p.x * w));
            int y = Math.min(h - 1, (int) Math.floor(p.y * h));
            int bw = Math.max(1, Math.min(w - x, (int) Math.round(p.width * w)));
            int bh = Math.max(1, Math.min(h - y, (int) Math.round(p.height * h)));
            boxes[i] = new int[]{x, y, bw, bh};
            totalWidth += bw;
            maxHeight = Math.max(maxHeight, bh);
        }
        BufferedImage out = new BufferedImage(totalWidth, maxHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, totalWidth, maxHeight);
            int at = 0;
            for (int[] b : boxes) {
                g.drawImage(card.getSubimage(b[0], b[1], b[2], b[3]), at, 0, null);
                at += b[2];
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
