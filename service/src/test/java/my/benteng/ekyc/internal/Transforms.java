package my.benteng.ekyc.internal;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Image transforms a leaked rendition goes through (for watermark tests). */
public final class Transforms {

    private Transforms() {
    }

    public static BufferedImage halve(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth() / 2, img.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    public static BufferedImage crop(BufferedImage img, double left, double top, double right, double bottom) {
        int x = (int) Math.round(img.getWidth() * left);
        int y = (int) Math.round(img.getHeight() * top);
        int w = img.getWidth() - x - (int) Math.round(img.getWidth() * right);
        int h = img.getHeight() - y - (int) Math.round(img.getHeight() * bottom);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img.getSubimage(x, y, w, h), 0, 0, null);
        g.dispose();
        return out;
    }
}
