package my.benteng.forensics.internal.pdq;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Meta's PDQ perceptual hash (256 bits plus a 0–100 quality), written from the published description of the
 * algorithm (ThreatExchange {@code hashing/hashing.pdf} and {@code pdq/README.md}):
 * <ol>
 *   <li>an image larger than 512 pixels on a side is first resized to 512 × 512 by nearest neighbour, as the
 *       reference implementation does for speed (the steps below blur it anyway);</li>
 *   <li>luminance {@code Y = 0.299 R + 0.587 G + 0.114 B};</li>
 *   <li>Jarosz filter: two passes of a box filter along rows then columns (a tent approximating a Gaussian), the
 *       window {@code ceil(side / 128)}, then decimation to 64 × 64 by sampling each cell's centre;</li>
 *   <li>quality: the sum over horizontal and vertical neighbours of the 64 × 64 image of
 *       {@code |Δ| · 100 / 255} (truncated), divided by 90 and capped at 100 — a flat or featureless image scores low;</li>
 *   <li>a 2-D DCT of the 64 × 64 image keeping the 16 × 16 lowest frequencies without the DC row and column;</li>
 *   <li>bit {@code 16·i + j} is set when coefficient {@code (i, j)} is above the median of the 256.</li>
 * </ol>
 * The eight dihedral variants (rotations by 90° and mirror images) come from the same 16 × 16 coefficients by
 * transposition and sign changes (mirroring an axis multiplies the odd frequencies by −1), at almost no extra cost.
 * They equal the hashes of the rotated image exactly for a 64 × 64 input; for larger ones the even box windows and the
 * decimation grid are not symmetric, and they come out up to ~32 bits from the hash of the rotated copy (as in the
 * reference implementation, whose README warns of it).
 * <p>Stateless and thread-safe. Hashes of one image from different image decoders differ by a few bits; Meta's rule
 * is that an implementation is correct when its hashes of quality ≥ 80 lie within 10 bits of the reference's.
 */
public final class PdqHasher {

    /** Side beyond which the input is first resized to 512 × 512, as in the reference implementation. */
    static final int DOWNSAMPLE_DIMS = 512;
    private static final int SIDE = 64;
    private static final int FREQ = 16;
    /** DCT-II basis rows 1…16 (the DC row 0 is left out), orthonormal scale. */
    private static final double[][] DCT = new double[FREQ][SIDE];

    static {
        double scale = Math.sqrt(2.0 / SIDE);
        for (int i = 0; i < FREQ; i++) {
            for (int j = 0; j < SIDE; j++) {
                DCT[i][j] = scale * Math.cos(Math.PI / 2 / SIDE * (i + 1) * (2 * j + 1));
            }
        }
    }

    /** The eight symmetries of a square: the image as given, its rotations (clockwise) and its mirror images. */
    public enum Dihedral {
        ORIGINAL, ROTATE_90, ROTATE_180, ROTATE_270,
        /** Left and right swapped. */
        FLIP_X,
        /** Top and bottom swapped. */
        FLIP_Y,
        /** Mirrored across the main diagonal (transposed). */
        FLIP_PLUS_1,
        /** Mirrored across the anti-diagonal. */
        FLIP_MINUS_1
    }

    /** The PDQ hash of {@code image}. */
    public PdqHash hash(BufferedImage image) {
        Spectrum s = spectrum(image);
        return bits(s.dct(), s.quality());
    }

    /** The hashes of the eight dihedral variants of {@code image}, computed from one pass over it. */
    public Map<Dihedral, PdqHash> dihedral(BufferedImage image) {
        Spectrum s = spectrum(image);
        double[][] b = s.dct();
        Map<Dihedral, PdqHash> out = new EnumMap<>(Dihedral.class);
        for (Dihedral d : Dihedral.values()) {
            double[][] v = new double[FREQ][FREQ];
            for (int i = 0; i < FREQ; i++) {
                for (int j = 0; j < FREQ; j++) {
                    v[i][j] = switch (d) {
                        case ORIGINAL -> b[i][j];
                        case FLIP_X -> sign(j) * b[i][j];
                        case FLIP_Y -> sign(i) * b[i][j];
                        case ROTATE_180 -> sign(i) * sign(j) * b[i][j];
                        case FLIP_PLUS_1 -> b[j][i];
                        case FLIP_MINUS_1 -> sign(i) * sign(j) * b[j][i];
                        case ROTATE_90 -> sign(j) * b[j][i];   // transpose, then left and right swapped
                        case ROTATE_270 -> sign(i) * b[j][i];  // transpose, then top and bottom swapped
                    };
                }
            }
            out.put(d, bits(v, s.quality()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Mirroring an axis of length 64 multiplies frequency {@code k = index + 1} by {@code (−1)^k}. */
    private static double sign(int index) {
        return (index & 1) == 0 ? -1 : 1;
    }

    private record Spectrum(double[][] dct, int quality) {
    }

    private static Spectrum spectrum(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image has at least one pixel");
        }
        int cols = width > DOWNSAMPLE_DIMS || height > DOWNSAMPLE_DIMS ? DOWNSAMPLE_DIMS : width;
        int rows = width > DOWNSAMPLE_DIMS || height > DOWNSAMPLE_DIMS ? DOWNSAMPLE_DIMS : height;
        float[] luma = luma(image, rows, cols);
        float[] blurred = jarosz(luma, rows, cols);
        float[][] small = decimate(blurred, rows, cols);
        return new Spectrum(dct(small), quality(small));
    }

    /** Luminance of {@code rows × cols} pixels sampled by nearest neighbour ({@code floor(x · width / cols)}). */
    private static float[] luma(BufferedImage image, int rows, int cols) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] srcX = new int[cols];
        for (int x = 0; x < cols; x++) {
            srcX[x] = (int) ((long) x * width / cols);
        }
        float[] out = new float[rows * cols];
        Raster raster = image.getRaster();
        // grey images are read as stored: getRGB would push them through a colour-space conversion
        boolean grey = raster.getNumBands() == 1 && image.getColorModel().getColorSpace().getType() == java.awt.color.ColorSpace.TYPE_GRAY
                && (image.getType() == BufferedImage.TYPE_BYTE_GRAY || image.getType() == BufferedImage.TYPE_USHORT_GRAY);
        float greyScale = image.getType() == BufferedImage.TYPE_USHORT_GRAY ? 255f / 65535f : 1f;
        int[] row = new int[width];
        for (int y = 0; y < rows; y++) {
            int sy = (int) ((long) y * height / rows);
            if (grey) {
                raster.getSamples(0, sy, width, 1, 0, row);
                for (int x = 0; x < cols; x++) {
                    out[y * cols + x] = row[srcX[x]] * greyScale;
                }
            } else {
                image.getRGB(0, sy, width, 1, row, 0, width);
                for (int x = 0; x < cols; x++) {
                    int rgb = row[srcX[x]];
                    out[y * cols + x] = 0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff);
                }
            }
        }
        return out;
    }

    /** Jarosz's tent filter: two passes of a box along rows and then along columns. */
    private static float[] jarosz(float[] in, int rows, int cols) {
        int windowAlongRows = (cols + 2 * SIDE - 1) / (2 * SIDE);
        int windowAlongCols = (rows + 2 * SIDE - 1) / (2 * SIDE);
        float[] a = in.clone();
        float[] b = new float[in.length];
        for (int pass = 0; pass < 2; pass++) {
            for (int r = 0; r < rows; r++) {
                box(a, b, r * cols, 1, cols, windowAlongRows);
            }
            for (int c = 0; c < cols; c++) {
                box(b, a, c, cols, rows, windowAlongCols);
            }
        }
        return a;
    }

    /**
     * A box filter over {@code length} values at {@code start + k·stride}: output {@code o} is the mean of the inputs
     * {@code o − (window − half) … o + half − 1} that exist, {@code half = (window + 2) / 2} (centred for odd windows,
     * one further ahead for even ones).
     */
    private static void box(float[] in, float[] out, int start, int stride, int length, int window) {
        int half = (window + 2) / 2;
        int behind = window - half;
        int ahead = half - 1;
        float sum = 0;
        int count = 0;
        int next = 0;   // next input to enter the window
        int oldest = 0; // next input to leave it
        for (int o = 0; o < length; o++) {
            while (next < length && next <= o + ahead) {
                sum += in[start + next * stride];
                count++;
                next++;
            }
            while (oldest < o - behind) {
                sum -= in[start + oldest * stride];
                count--;
                oldest++;
            }
            out[start + o * stride] = sum / count;
        }
    }

    private static float[][] decimate(float[] in, int rows, int cols) {
        float[][] out = new float[SIDE][SIDE];
        for (int i = 0; i < SIDE; i++) {
            int r = (int) ((i + 0.5) * rows / SIDE);
            for (int j = 0; j < SIDE; j++) {
                int c = (int) ((j + 0.5) * cols / SIDE);
                out[i][j] = in[r * cols + c];
            }
        }
        return out;
    }

    /** Counts significant gradients: many small steps (noise, JPEG ringing) add little, a flat image scores 0. */
    private static int quality(float[][] a) {
        int sum = 0;
        for (int i = 0; i < SIDE - 1; i++) {
            for (int j = 0; j < SIDE; j++) {
                sum += Math.abs((int) ((a[i][j] - a[i + 1][j]) * 100 / 255));
            }
        }
        for (int i = 0; i < SIDE; i++) {
            for (int j = 0; j < SIDE - 1; j++) {
                sum += Math.abs((int) ((a[i][j] - a[i][j + 1]) * 100 / 255));
            }
        }
        return Math.min(100, sum / 90);
    }

    /** {@code DCT · A · DCTᵀ}: 16 × 16 coefficients, row index the vertical frequency. */
    private static double[][] dct(float[][] a) {
        double[][] t = new double[FREQ][SIDE];
        for (int i = 0; i < FREQ; i++) {
            double[] d = DCT[i];
            for (int c = 0; c < SIDE; c++) {
                double sum = 0;
                for (int r = 0; r < SIDE; r++) {
                    sum += d[r] * a[r][c];
                }
                t[i][c] = sum;
            }
        }
        double[][] b = new double[FREQ][FREQ];
        for (int i = 0; i < FREQ; i++) {
            for (int j = 0; j < FREQ; j++) {
                double sum = 0;
                double[] d = DCT[j];
                for (int c = 0; c < SIDE; c++) {
                    sum += t[i][c] * d[c];
                }
                b[i][j] = sum;
            }
        }
        return b;
    }

    /** Bit {@code 16·i + j} set when coefficient {@code (i, j)} is above the median (the 128th smallest of 256). */
    private static PdqHash bits(double[][] b, int quality) {
        double[] all = new double[FREQ * FREQ];
        for (int i = 0; i < FREQ; i++) {
            System.arraycopy(b[i], 0, all, i * FREQ, FREQ);
        }
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        double median = sorted[all.length / 2 - 1];
        long[] words = new long[4];
        for (int k = 0; k < all.length; k++) {
            if (all[k] > median) {
                words[k >>> 6] |= 1L << (k & 63);
            }
        }
        return PdqHash.ofWords(words, quality);
    }
}
