package my.benteng.testing;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Synthetic identity-card images drawn with Java2D (gradient, text, a face-like shape, noise) and hostile
 * variants of them (EXIF with GPS, a ZIP appended, a pixel-flood header). Never a real card.
 */
public final class SyntheticCards {

    private SyntheticCards() {
    }

    /** A card image of {@code width} × {@code width/1.586}, deterministic for a seed. */
    public static BufferedImage card(long seed, int width) {
        Random r = new Random(seed);
        int height = (int) Math.round(width / 1.586);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float hue = r.nextFloat();
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.25f, 0.95f), width, height, Color.getHSBColor(hue + 0.3f, 0.35f, 0.8f)));
            g.fillRect(0, 0, width, height);
            // guilloche-like curves, as on real security backgrounds
            g.setStroke(new BasicStroke(Math.max(1, width / 600f)));
            for (int i = 0; i < 14; i++) {
                g.setColor(Color.getHSBColor(hue + 0.1f * i, 0.4f, 0.7f));
                g.drawOval(r.nextInt(width) - width / 2, r.nextInt(height) - height / 2, width / 2 + r.nextInt(width), height / 2 + r.nextInt(height));
            }
            int unit = width / 40;
            g.setColor(new Color(20, 30, 90));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, unit * 2));
            g.drawString("SYNTHETIC IDENTITY CARD", unit * 2, unit * 3);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, (int) (unit * 1.6)));
            g.drawString(String.format("%06d-%02d-%04d", r.nextInt(1_000_000), r.nextInt(100), r.nextInt(10_000)), unit * 2, unit * 7);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, (int) (unit * 1.4)));
            String[] names = {"AMINAH BINTI ALI", "TAN AH KOW", "MUTHU A/L RAMASAMY", "LIM MEI LING", "NUR AISYAH BINTI AHMAD"};
            g.drawString(names[r.nextInt(names.length)], unit * 2, height - unit * 8);
            g.drawString("NO " + (1 + r.nextInt(99)) + " JALAN CONTOH " + (1 + r.nextInt(20)), unit * 2, height - unit * 6);
            g.drawString((10000 + r.nextInt(89999)) + " KUALA LUMPUR", unit * 2, height - unit * 4);
            // a face-like shape: head, eyes, mouth, shoulders
            int fx = width - unit * 12, fy = unit * 8, fw = unit * 9, fh = unit * 12;
            g.setColor(new Color(230, 230, 235));
            g.fillRect(fx - unit, fy - unit, fw + 2 * unit, fh + 4 * unit);
            g.setColor(new Color(150 + r.nextInt(80), 110 + r.nextInt(60), 80 + r.nextInt(50)));
            g.fillOval(fx + fw / 6, fy, fw * 2 / 3, fh * 3 / 4);
            g.fillRoundRect(fx, fy + fh * 3 / 4, fw, fh / 2, unit * 3, unit * 3);
            g.setColor(Color.DARK_GRAY);
            g.fillOval(fx + fw / 3, fy + fh / 4, unit, unit / 2 + 1);
            g.fillOval(fx + fw * 2 / 3 - unit, fy + fh / 4, unit, unit / 2 + 1);
            g.drawArc(fx + fw / 3, fy + fh / 2, fw / 3, unit, 180, 180);
        } finally {
            g.dispose();
        }
        // sensor-like noise
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = image.getRGB(x, y);
                int n = (int) Math.round(r.nextGaussian() * 3);
                image.setRGB(x, y, (clamp(((rgb >> 16) & 0xff) + n) << 16) | (clamp(((rgb >> 8) & 0xff) + n) << 8) | clamp((rgb & 0xff) + n));
            }
        }
        return image;
    }

    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new java.io.ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalArgumentException("not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The marker text planted in EXIF (an APP1 segment with a GPS-looking payload) right after SOI. */
    public static final String EXIF_MARKER = "GPSLatitude 3.1390N GPSLongitude 101.6869E";

    /** A JPEG with an APP1 "Exif" segment carrying {@link #EXIF_MARKER}. */
    public static byte[] withExif(byte[] jpeg) {
        byte[] payload = ("Exif\0\0" + EXIF_MARKER).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + payload.length + 4);
        out.put(jpeg, 0, 2); // SOI
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (payload.length + 2)).put(payload);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** The ZIP entry name planted by {@link #withZipAppended}. */
    public static final String ZIP_ENTRY = "payload-inside-polyglot.txt";

    /** A "JPEG/ZIP polyglot": the image followed by a ZIP archive. */
    public static byte[] withZipAppended(byte[] image) {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry(ZIP_ENTRY));
            z.write("not for the vault".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(image);
        out.writeBytes(zip.toByteArray());
        return out.toByteArray();
    }

    /** A tiny PNG whose header claims {@code width} × {@code height} pixels (a decompression / pixel-flood bomb). */
    public static byte[] pixelFloodPng(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        chunk(out, "IHDR", ihdr.array());
        // a small deflate stream of zeros: decoding it would need width*height*3 bytes of memory
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
        deflater.setInput(new byte[1 << 20]);
        deflater.finish();
        byte[] buf = new byte[1 << 16];
        int n = deflater.deflate(buf);
        chunk(out, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }
}
