package my.benteng.ekyc.internal;

import my.benteng.ekyc.WatermarkDecoder;
import my.benteng.platform.KeyedHash;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * An invisible, keyed forensic watermark carrying a 48-bit access id.
 * <p>Embedding: the image is divided into a fixed grid of {@value #COLS}×{@value #ROWS} cells relative to its
 * size (so a downscale changes nothing), each cell's luminance is nudged by ±{@code strength} with a smooth
 * window; the sign is a keyed pseudo-random chip times one payload bit. Payload = 48-bit id + 24-bit keyed
 * check = 72 bits, each spread over 20 cells at keyed positions (repetition code, soft-decision combining).
 * <p>Decoding: a per-cell high-pass (centre mean minus whole-cell mean) correlated with the chips; the crop is
 * unknown, so the decoder searches the margins cut from each side (0–6 %) coarse to fine for the geometry of
 * highest correlation energy, then Chase-decodes (flipping up to two of the six least reliable bits) and accepts
 * only a candidate whose keyed 24-bit check matches. Without the key, neither the chips nor the check can be formed.
 */
public final class ForensicWatermark implements WatermarkDecoder {

    static final int COLS = 48;
    static final int ROWS = 30;
    private static final int ID_BITS = 48;
    private static final int CHECK_BITS = 24;
    private static final int BITS = ID_BITS + CHECK_BITS;
    private static final int CHASE = 6;
    /** Cell contrasts are clipped near the embedded contrast, so text and edges of the card cannot outvote the chips. */
    private static final double CLIP = 3;
    private static final int CELLS = COLS * ROWS;
    private static final double MAX_MARGIN = 0.06;

    private final KeyedHash key;
    private final int[] chip = new int[CELLS];   // ±1 per cell
    private final int[] bitOf = new int[CELLS];  // which payload bit a cell carries
    private final double strength;

    public ForensicWatermark(byte[] key, double strength) {
        this.key = new KeyedHash(key);
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
        embed(image, accessId, 1.0);
    }

    /** Embeds {@code accessId} at {@code gain} times the configured strength. */
    void embed(BufferedImage image, long accessId, double gain) {
        double strength = this.strength * gain;
        int[] payload = payload(accessId);
        int w = image.getWidth();
        int h = image.getHeight();
        double cw = (double) w / COLS;
        double ch = (double) h / ROWS;
        // the window is separable: one sine per column and per row, computed once
        int[] colOf = new int[w];
        double[] wx = new double[w];
        for (int x = 0; x < w; x++) {
            colOf[x] = Math.min(COLS - 1, (int) (x / cw));
            wx[x] = Math.sin(Math.PI * ((x - colOf[x] * cw) + 0.5) / cw);
        }
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            int row = Math.min(ROWS - 1, (int) (y / ch));
            double wy = strength * Math.sin(Math.PI * ((y - row * ch) + 0.5) / ch);
            image.getRGB(0, y, w, 1, line, 0, w);
            for (int x = 0; x < w; x++) {
                int cell = row * COLS + colOf[x];
                int delta = (int) Math.round(wy * wx[x] * chip[cell] * payload[bitOf[cell]]);
                if (delta != 0) {
                    int rgb = line[x];
                    line[x] = (rgb & 0xff000000) | (clamp(((rgb >> 16) & 0xff) + delta) << 16)
                            | (clamp(((rgb >> 8) & 0xff) + delta) << 8) | clamp((rgb & 0xff) + delta);
                }
            }
            image.setRGB(0, y, w, 1, line, 0, w);
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
        // the margins lost on each side are unknown (a crop): search them coordinate-wise, horizontal pair then
        // vertical pair, coarse (1 % steps over 0-6 %) then fine (0.25 %); about 600 geometries instead of 3,000
        double[] coarse = {0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06};
        double[] fine = {-0.005, -0.0025, 0, 0.0025, 0.005};
        Best best = new Best();
        for (double t : new double[]{0, 0.03, 0.06}) {
            for (double b : new double[]{0, 0.03, 0.06}) {
                search(integral, w, h, coarse, coarse, new double[]{t}, new double[]{b}, best);
            }
        }
        search(integral, w, h, new double[]{best.g[0]}, new double[]{best.g[1]}, coarse, coarse, best);
        search(integral, w, h, coarse, coarse, new double[]{best.g[2]}, new double[]{best.g[3]}, best);
        for (int round = 0; round < 2; round++) {
            search(integral, w, h, around(best.g[0], fine), around(best.g[1], fine), new double[]{best.g[2]}, new double[]{best.g[3]}, best);
            search(integral, w, h, new double[]{best.g[0]}, new double[]{best.g[1]}, around(best.g[2], fine), around(best.g[3], fine), best);
        }
        double[] g = best.g;
        double[] soft = softBits(integral, w, h, g[0], g[1], g[2], g[3]);
        return chase(soft);
    }

    /**
     * Soft-decision decoding: the hard decision first, then every flip of one or two of the {@value #CHASE} least
     * reliable bits; the first candidate whose keyed check matches wins. 1 + 6 + 15 = 22 candidates against a
     * 24-bit check: an unmarked image passes with probability ≈ 22 / 2²⁴ ≈ 1.3 × 10⁻⁶.
     */
    private OptionalLong chase(double[] soft) {
        Integer[] order = new Integer[BITS];
        for (int i = 0; i < BITS; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(soft[a]), Math.abs(soft[b])));
        boolean[] bits = new boolean[BITS];
        for (int i = 0; i < BITS; i++) {
            bits[i] = soft[i] > 0;
        }
        OptionalLong found = tryBits(bits);
        for (int i = 0; found.isEmpty() && i < CHASE; i++) {
            bits[order[i]] ^= true;
            found = tryBits(bits);
            for (int j = i + 1; found.isEmpty() && j < CHASE; j++) {
                bits[order[j]] ^= true;
                found = tryBits(bits);
                bits[order[j]] ^= true;
            }
            bits[order[i]] ^= true;
        }
        return found;
    }

    private OptionalLong tryBits(boolean[] bits) {
        long id = 0;
        int check = 0;
        for (int i = 0; i < ID_BITS; i++) {
            id = (id << 1) | (bits[i] ? 1 : 0);
        }
        for (int i = ID_BITS; i < BITS; i++) {
            check = (check << 1) | (bits[i] ? 1 : 0);
        }
        return check == check(id) ? OptionalLong.of(id) : OptionalLong.empty();
    }

    private static double[] around(double center, double[] steps) {
        return java.util.Arrays.stream(steps).map(d -> center + d).filter(v -> v >= 0 && v <= MAX_MARGIN).toArray();
    }

    /** The geometry of highest correlation energy so far. */
    private static final class Best {
        double[] g = {0, 0, 0, 0};
        double score = -1;
    }

    private void search(double[] integral, int w, int h, double[] ls, double[] rs, double[] ts, double[] bs, Best best) {
        double[] soft = new double[BITS];
        double[] cell = new double[CELLS];
        for (double l : ls) {
            for (double r : rs) {
                for (double t : ts) {
                    for (double b : bs) {
                        cellContrasts(integral, w, h, l, r, t, b, cell);
                        java.util.Arrays.fill(soft, 0);
                        for (int c = 0; c < CELLS; c++) {
                            soft[bitOf[c]] += cell[c] * chip[c];
                        }
                        double e = 0;
                        for (double s : soft) {
                            e += Math.abs(s);
                        }
                        if (e > best.score) {
                            best.score = e;
                            best.g = new double[]{l, r, t, b};
                        }
                    }
                }
            }
        }
    }

    /** Per-bit correlation sums for the geometry where the received image lost margins l, r, t, b of the original. */
    double[] softBits(double[] integral, int w, int h, double l, double r, double t, double b) {
        double[] cell = new double[CELLS];
        cellContrasts(integral, w, h, l, r, t, b, cell);
        double[] soft = new double[BITS];
        for (int c = 0; c < CELLS; c++) {
            soft[bitOf[c]] += cell[c] * chip[c];
        }
        return soft;
    }

    /**
     * Each cell's centre-half mean luminance minus its whole-cell mean: the embedding window peaks in the centre,
     * while the card's own gradients and large shapes cancel within the cell. Cells outside the image count 0.
     */
    private static void cellContrasts(double[] integral, int w, int h, double l, double r, double t, double b, double[] out) {
        double ow = w / (1 - l - r);
        double oh = h / (1 - t - b);
        double x0 = -l * ow;
        double y0 = -t * oh;
        double cw = ow / COLS;
        double ch = oh / ROWS;
        int[] cx0 = new int[COLS], cx1 = new int[COLS], ox0 = new int[COLS], ox1 = new int[COLS];
        for (int col = 0; col < COLS; col++) {
            ox0[col] = (int) (x0 + col * cw + 0.5);
            ox1[col] = (int) (x0 + (col + 1) * cw + 0.5);
            cx0[col] = (int) (x0 + (col + 0.25) * cw + 0.5);
            cx1[col] = (int) (x0 + (col + 0.75) * cw + 0.5);
        }
        for (int row = 0; row < ROWS; row++) {
            int oy0 = (int) (y0 + row * ch + 0.5), oy1 = (int) (y0 + (row + 1) * ch + 0.5);
            int cy0 = (int) (y0 + (row + 0.25) * ch + 0.5), cy1 = (int) (y0 + (row + 0.75) * ch + 0.5);
            for (int col = 0; col < COLS; col++) {
                int i = row * COLS + col;
                if (ox0[col] < 0 || oy0 < 0 || ox1[col] > w || oy1 > h || cx1[col] <= cx0[col] || cy1 <= cy0) {
                    out[i] = 0;
                    continue;
                }
                double centre = box(integral, w, cx0[col], cy0, cx1[col], cy1) / ((double) (cx1[col] - cx0[col]) * (cy1 - cy0));
                double whole = box(integral, w, ox0[col], oy0, ox1[col], oy1) / ((double) (ox1[col] - ox0[col]) * (oy1 - oy0));
                double v = centre - whole;
                out[i] = v > CLIP ? CLIP : (v < -CLIP ? -CLIP : v); // an edge of the card design must not outvote the rest
            }
        }
    }

    static double[] integral(BufferedImage image) {
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

    int[] payload(long accessId) {
        if (accessId < 0 || accessId >= (1L << 48)) {
            throw new IllegalArgumentException("access id must fit 48 bits");
        }
        int[] bits = new int[BITS];
        for (int i = 0; i < 48; i++) {
            bits[i] = ((accessId >>> (47 - i)) & 1) == 1 ? 1 : -1;
        }
        int check = check(accessId);
        for (int i = 0; i < CHECK_BITS; i++) {
            bits[ID_BITS + i] = ((check >>> (CHECK_BITS - 1 - i)) & 1) == 1 ? 1 : -1;
        }
        return bits;
    }

    /** 24-bit keyed check of an id: rejects unmarked images and decodes gone wrong. */
    private int check(long id) {
        byte[] mac = mac("check".getBytes(StandardCharsets.US_ASCII), ByteBuffer.allocate(8).putLong(id).array());
        return ((mac[0] & 0xff) << 16) | ((mac[1] & 0xff) << 8) | (mac[2] & 0xff);
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

    /** HMAC of the label's bytes followed by the data's, unprefixed: watermarks already handed out were made so. */
    private byte[] mac(byte[] label, byte[] data) {
        return key.mac(ByteBuffer.allocate(label.length + data.length).put(label).put(data).array());
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(255, v);
    }

    @Override
    public String toString() {
        return "ForensicWatermark[key=redacted]";
    }
}
