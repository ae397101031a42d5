package my.benteng.ekyc.internal;

import my.benteng.ekyc.WatermarkDecoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.OptionalLong;

/**
 * An invisible, keyed forensic watermark carrying a 48-bit access id.
 * <p>Embedding: the image is divided into a fixed grid of {@value #COLS}×{@value #ROWS} cells relative to its
 * size (so a downscale changes nothing), each cell's luminance is nudged by ±{@code strength} with a smooth
 * window; the sign is a keyed pseudo-random chip times one payload bit. Payload = 48-bit id + 16-bit keyed
 * check = 64 bits, each spread over ~22 cells at keyed positions (repetition code, soft-decision combining).
 * <p>Decoding: a per-cell high-pass (cell mean minus its neighbours') correlated with the chips; the crop is
 * unknown, so the decoder searches the margins cut from each side (0–6 %) coarse to fine for the geometry of
 * highest correlation energy, then accepts the bits only if the keyed 16-bit check matches (an unmarked image
 * passes with probability ≈ 2⁻¹⁶ per decode). Without the key, neither the chips nor the check can be formed.
 */
public final class ForensicWatermark implements WatermarkDecoder {

    static final int COLS = 48;
    static final int ROWS = 30;
    private static final int BITS = 64;
    private static final int CELLS = COLS * ROWS;
    private static final double MAX_MARGIN = 0.06;

    private final byte[] key;
    private final int[] chip = new int[CELLS];   // ±1 per cell
    private final int[] bitOf = new int[CELLS];  // which payload bit a cell carries
    private final double strength;

    public ForensicWatermark(byte[] key, double strength) {
        this.key = key.clone();
        this.strength = strength;
        byte[] stream = keyStream("layout", CELLS * 2);
        // a keyed permutation so each bit's cells are spread over the whole card
        int[] order = new int[CELLS];
        for (int i = 0; i < CELLS; i++) {
            order[i] = i;
        }
        byte[] shuffle = keyStream("shuffle", CELLS * 4);
        ByteBuffer sb = ByteBuffer.wrap(shuffle);
        for (int i = CELLS - 1; i > 0; i--) {
            int j = (int) Long.remainderUnsigned(sb.getInt() & 0xffffffffL, i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < CELLS; i++) {
            bitOf[order[i]] = i % BITS;
            chip[i] = (stream[i] & 1) == 0 ? 1 : -1;
        }
    }

    /** Embeds {@code accessId} (48 bits) into the image in place. */
    public void embed(BufferedImage image, long accessId) {
        int[] payload = payload(accessId);
        int w = image.getWidth();
        int h = image.getHeight();
        double cw = (double) w / COLS;
        double ch = (double) h / ROWS;
        for (int y = 0; y < h; y++) {
            int row = Math.min(ROWS - 1, (int) (y / ch));
            double wy = Math.sin(Math.PI * ((y - row * ch) + 0.5) / ch);
            for (int x = 0; x < w; x++) {
                int col = Math.min(COLS - 1, (int) (x / cw));
                int cell = row * COLS + col;
                double wx = Math.sin(Math.PI * ((x - col * cw) + 0.5) / cw);
                int delta = (int) Math.round(strength * wx * wy * chip[cell] * payload[bitOf[cell]]);
                if (delta != 0) {
                    int rgb = image.getRGB(x, y);
                    int r = clamp(((rgb >> 16) & 0xff) + delta);
                    int g = clamp(((rgb >> 8) & 0xff) + delta);
                    int b = clamp((rgb & 0xff) + delta);
                    image.setRGB(x, y, (rgb & 0xff000000) | (r << 16) | (g << 8) | b);
                }
            }
        }
    }

    @Override
    public OptionalLong decode(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (w < COLS * 4 || h < ROWS * 4) {
            return OptionalLong.empty();
        }
        double[] integral = integral(image);
        // coarse: margins 0..6 % in 1 % steps on each side; fine: ±0.5 % around the best in 0.25 % steps
        double[] best = {0, 0, 0, 0};
        double bestScore = -1;
        double[] coarse = {0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06};
        for (double l : coarse) {
            for (double r : coarse) {
                for (double t : coarse) {
                    for (double b : coarse) {
                        double s = energy(integral, w, h, l, r, t, b);
                        if (s > bestScore) {
                            bestScore = s;
                            best = new double[]{l, r, t, b};
                        }
                    }
                }
            }
        }
        double[] center = best.clone();
        double[] fine = {-0.005, -0.0025, 0, 0.0025, 0.005};
        for (double dl : fine) {
            for (double dr : fine) {
                for (double dt : fine) {
                    for (double db : fine) {
                        double l = center[0] + dl, r = center[1] + dr, t = center[2] + dt, b = center[3] + db;
                        if (l < 0 || r < 0 || t < 0 || b < 0 || l > MAX_MARGIN || r > MAX_MARGIN || t > MAX_MARGIN || b > MAX_MARGIN) {
                            continue;
                        }
                        double s = energy(integral, w, h, l, r, t, b);
                        if (s > bestScore) {
                            bestScore = s;
                            best = new double[]{l, r, t, b};
                        }
                    }
                }
            }
        }
        double[] soft = softBits(integral, w, h, best[0], best[1], best[2], best[3]);
        long id = 0;
        int check = 0;
        for (int i = 0; i < 48; i++) {
            id = (id << 1) | (soft[i] > 0 ? 1 : 0);
        }
        for (int i = 48; i < BITS; i++) {
            check = (check << 1) | (soft[i] > 0 ? 1 : 0);
        }
        return check == check(id) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private double energy(double[] integral, int w, int h, double l, double r, double t, double b) {
        double e = 0;
        for (double s : softBits(integral, w, h, l, r, t, b)) {
            e += Math.abs(s);
        }
        return e;
    }

    /** Per-bit correlation sums for the geometry where the received image lost margins l, r, t, b of the original. */
    private double[] softBits(double[] integral, int w, int h, double l, double r, double t, double b) {
        double ow = w / (1 - l - r);
        double oh = h / (1 - t - b);
        double x0 = -l * ow;
        double y0 = -t * oh;
        double cw = ow / COLS;
        double ch = oh / ROWS;
        double[] mean = new double[CELLS];
        boolean[] seen = new boolean[CELLS];
        for (int row = 0; row < ROWS; row++) {
            for (int col = 0; col < COLS; col++) {
                // the central half of the cell, where the embedding window is strongest
                double ax = x0 + (col + 0.25) * cw, bx = x0 + (col + 0.75) * cw;
                double ay = y0 + (row + 0.25) * ch, by = y0 + (row + 0.75) * ch;
                int ix0 = (int) Math.round(ax), ix1 = (int) Math.round(bx), iy0 = (int) Math.round(ay), iy1 = (int) Math.round(by);
                if (ix0 < 0 || iy0 < 0 || ix1 > w || iy1 > h || ix1 <= ix0 || iy1 <= iy0) {
                    continue;
                }
                int cell = row * COLS + col;
                mean[cell] = box(integral, w, ix0, iy0, ix1, iy1) / ((double) (ix1 - ix0) * (iy1 - iy0));
                seen[cell] = true;
            }
        }
        double[] soft = new double[BITS];
        for (int row = 0; row < ROWS; row++) {
            for (int col = 0; col < COLS; col++) {
                int cell = row * COLS + col;
                if (!seen[cell]) {
                    continue;
                }
                double sum = 0;
                int n = 0;
                for (int[] d : new int[][]{{-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
                    int rr = row + d[0], cc = col + d[1];
                    if (rr >= 0 && rr < ROWS && cc >= 0 && cc < COLS && seen[rr * COLS + cc]) {
                        sum += mean[rr * COLS + cc];
                        n++;
                    }
                }
                if (n == 0) {
                    continue;
                }
                double v = mean[cell] - sum / n;
                v = Math.max(-12, Math.min(12, v)); // an edge of the card design must not outvote the rest
                soft[bitOf[cell]] += v * chip[cell];
            }
        }
        return soft;
    }

    private static double[] integral(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] s = new double[(w + 1) * (h + 1)];
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, line, 0, w);
            double rowSum = 0;
            for (int x = 0; x < w; x++) {
                int rgb = line[x];
                rowSum += 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1] + rowSum;
            }
        }
        return s;
    }

    private static double box(double[] s, int w, int x0, int y0, int x1, int y1) {
        int stride = w + 1;
        return s[y1 * stride + x1] - s[y0 * stride + x1] - s[y1 * stride + x0] + s[y0 * stride + x0];
    }

    private int[] payload(long accessId) {
        if (accessId < 0 || accessId >= (1L << 48)) {
            throw new IllegalArgumentException("access id must fit 48 bits");
        }
        int[] bits = new int[BITS];
        for (int i = 0; i < 48; i++) {
            bits[i] = ((accessId >>> (47 - i)) & 1) == 1 ? 1 : -1;
        }
        int check = check(accessId);
        for (int i = 0; i < 16; i++) {
            bits[48 + i] = ((check >>> (15 - i)) & 1) == 1 ? 1 : -1;
        }
        return bits;
    }

    /** 16-bit keyed check of an id: rejects unmarked images and decodes gone wrong. */
    private int check(long id) {
        byte[] mac = mac("check".getBytes(StandardCharsets.US_ASCII), ByteBuffer.allocate(8).putLong(id).array());
        return ((mac[0] & 0xff) << 8) | (mac[1] & 0xff);
    }

    private byte[] keyStream(String label, int length) {
        byte[] out = new byte[length];
        int filled = 0;
        for (int counter = 0; filled < length; counter++) {
            byte[] block = mac(label.getBytes(StandardCharsets.US_ASCII), ByteBuffer.allocate(4).putInt(counter).array());
            int n = Math.min(block.length, length - filled);
            System.arraycopy(block, 0, out, filled, n);
            filled += n;
        }
        return out;
    }

    private byte[] mac(byte[] label, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(label);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    @Override
    public String toString() {
        return "ForensicWatermark[key=redacted]";
    }
}
