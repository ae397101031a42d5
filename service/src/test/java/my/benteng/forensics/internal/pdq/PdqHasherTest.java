package my.benteng.forensics.internal.pdq;

import my.benteng.forensics.internal.pdq.PdqHasher.Dihedral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PDQ against the hashes Meta's implementations publish for its sample images.
 * <p>Tolerance: Meta's {@code pdq/README.md} calls an implementation correct when, on its sample images, hashes of
 * quality ≥ 80 are within Hamming distance 10 of the reference's — hashes of one image differ by a few bits between
 * image decoders, and ours reads JPEGs with the JDK's ImageIO, not CImg/libjpeg as the C++ reference or the
 * browser's decoder as the WASM port. That documented bound is what these tests assert. Measured with the JDK 25
 * decoder over all 14 published samples (the 8 larger bridge variants are not copied here): distance 0 to the WASM
 * reference for 13, 2 for {@code sharpen-a-lot.jpg}; 0–8 to the Python port's (which itself differs from the WASM
 * one by up to 8 bits). Quality: 100 for every bridge photo (the Python port also says 100), 0 for the gradient
 * {@code small.jpg}.
 */
class PdqHasherTest {

    private static final int DECODER_TOLERANCE = 10;
    private final PdqHasher hasher = new PdqHasher();

    record Reference(String file, PdqHash wasm, PdqHash python) {
    }

    static Stream<Reference> references() {
        List<String> lines = new String(resource("reference-hashes.csv"), StandardCharsets.UTF_8).lines().skip(1).toList();
        return lines.stream().map(l -> l.split(",", -1)).map(f -> new Reference(f[0], PdqHash.fromHex(f[1], 100),
                f[2].isEmpty() ? null : PdqHash.fromHex(f[2], Integer.parseInt(f[3]))));
    }

    @ParameterizedTest
    @MethodSource("references")
    void matchableSamplesHashWithinTheDecoderToleranceOfMetasReference(Reference reference) {
        PdqHash got = hasher.hash(image(reference.file()));
        if (got.quality() >= 80) {
            assertThat(got.distance(reference.wasm())).as(reference.file()).isLessThanOrEqualTo(DECODER_TOLERANCE);
            if (reference.python() != null) {
                assertThat(got.distance(reference.python())).as(reference.file()).isLessThanOrEqualTo(DECODER_TOLERANCE);
                assertThat(got.quality()).isEqualTo(reference.python().quality());
            }
        } else {
            // only the flat gradient sample scores below 80; outside Meta's rule, but it must not be matchable
            assertThat(reference.file()).isEqualTo("small.jpg");
            assertThat(got.matchable()).isFalse();
        }
    }

    @Test
    void theBridgeVariantsMatchEachOtherAndNotTheUnrelatedSample() {
        List<PdqHash> bridge = Stream.of("shrink-a-lot.jpg", "square-128x128.jpg", "square-256x256.jpg", "square-512x512.jpg")
                .map(f -> hasher.hash(image(f))).toList();
        PdqHash wee = hasher.hash(image("wee.jpg"));
        for (PdqHash a : bridge) {
            for (PdqHash b : bridge) {
                assertThat(a.distance(b)).isLessThanOrEqualTo(PdqHash.MATCH_DISTANCE);
            }
            assertThat(a.distance(wee)).isGreaterThan(80);
        }
    }

    @Test
    void aFlatImageHasQualityZero() {
        BufferedImage flat = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = flat.createGraphics();
        g.setColor(new Color(120, 130, 140));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        assertThat(hasher.hash(flat).quality()).isZero();
    }

    @Test
    void aGreyImageHashesLikeTheSameGreysInColour() {
        BufferedImage colour = texture(new Random(11), 200, 150);
        BufferedImage grey = new BufferedImage(200, 150, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage rgbGrey = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                int v = colour.getRGB(x, y) & 0xff;
                grey.getRaster().setSample(x, y, 0, v);
                rgbGrey.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        PdqHash fromGrey = hasher.hash(grey);
        assertThat(fromGrey).isEqualTo(hasher.hash(rgbGrey));
        assertThat(fromGrey.quality()).isGreaterThanOrEqualTo(PdqHash.MIN_QUALITY);
    }

    /** At 64 × 64 every step is exact (box window 1, decimation the identity), so the symmetries must be too. */
    @Test
    void theDihedralHashesOfA64PixelImageAreTheHashesOfItsRotationsAndMirrors() {
        BufferedImage image = texture(new Random(3), 64, 64);
        Map<Dihedral, PdqHash> variants = hasher.dihedral(image);
        assertThat(variants.get(Dihedral.ORIGINAL)).isEqualTo(hasher.hash(image));
        for (Dihedral d : Dihedral.values()) {
            assertThat(variants.get(d)).as(d.name()).isEqualTo(hasher.hash(transform(image, d)));
        }
        assertThat(variants.values().stream().distinct()).hasSize(8);
    }

    /**
     * Beyond 64 × 64 the steps are not exactly symmetric: an even box window (4 here) reaches one pixel further
     * ahead than behind, and the decimation samples sit off-centre, so a mirrored copy is filtered up to half a cell
     * differently. The reference algorithm has the same property (Meta's README warns that dihedral hashes are not
     * exact): on the sample photos the transformed hash lies 0–32 bits from the hash of the rotated copy, against
     * ~128 for the unrotated hash. A rotated leak should therefore be looked up with its dihedral variants and a
     * calibrated threshold, not expected to match at distance 0.
     */
    @ParameterizedTest
    @MethodSource("photos")
    void theDihedralHashesOfAPhotoAreNearItsRotatedCopies(String file) {
        BufferedImage photo = image(file);
        Map<Dihedral, PdqHash> variants = hasher.dihedral(photo);
        for (Dihedral d : Dihedral.values()) {
            PdqHash rotated = hasher.hash(transform(photo, d));
            assertThat(variants.get(d).distance(rotated)).as(d.name()).isLessThanOrEqualTo(32);
            if (d != Dihedral.ORIGINAL) {
                assertThat(variants.get(Dihedral.ORIGINAL).distance(rotated)).as(d.name()).isGreaterThan(64);
            }
        }
    }

    static Stream<String> photos() {
        return Stream.of("square-512x512.jpg", "square-256x256.jpg", "square-128x128.jpg", "shrink-a-lot.jpg");
    }

    @Test
    void largeImagesAreHashedThroughTheReferenceDownsample() {
        // a 2 MP picture and its exact 2x enlargement go through the 512 x 512 resize to the same pixels
        BufferedImage small = texture(new Random(5), 900, 600);
        BufferedImage large = new BufferedImage(1800, 1200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = large.createGraphics();
        g.drawImage(small, 0, 0, 1800, 1200, null);
        g.dispose();
        assertThat(hasher.hash(large).distance(hasher.hash(small))).isLessThanOrEqualTo(DECODER_TOLERANCE);
    }

    @Test
    void aOnePixelImageHashesAsFeatureless() {
        PdqHash dot = hasher.hash(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB));
        assertThat(dot.quality()).isZero();
        assertThat(dot.matchable()).isFalse();
    }

    static BufferedImage transform(BufferedImage in, Dihedral d) {
        int w = in.getWidth(), h = in.getHeight();
        boolean swap = switch (d) {
            case ROTATE_90, ROTATE_270, FLIP_PLUS_1, FLIP_MINUS_1 -> true;
            default -> false;
        };
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < out.getWidth(); x++) {
                int[] src = switch (d) {
                    case ORIGINAL -> new int[]{x, y};
                    case FLIP_X -> new int[]{w - 1 - x, y};
                    case FLIP_Y -> new int[]{x, h - 1 - y};
                    case ROTATE_180 -> new int[]{w - 1 - x, h - 1 - y};
                    case FLIP_PLUS_1 -> new int[]{y, x};
                    case FLIP_MINUS_1 -> new int[]{w - 1 - y, h - 1 - x};
                    case ROTATE_90 -> new int[]{y, h - 1 - x};   // clockwise: the left column becomes the top row
                    case ROTATE_270 -> new int[]{w - 1 - y, x};
                };
                out.setRGB(x, y, in.getRGB(src[0], src[1]));
            }
        }
        return out;
    }

    /** Random coloured rectangles and ellipses: structure at every scale, deterministic for a seed. */
    static BufferedImage texture(Random random, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int x = random.nextInt(width), y = random.nextInt(height);
            int w = 1 + random.nextInt(width / 2), h = 1 + random.nextInt(height / 2);
            if (random.nextBoolean()) {
                g.fillRect(x - w / 2, y - h / 2, w, h);
            } else {
                g.fillOval(x - w / 2, y - h / 2, w, h);
            }
        }
        g.dispose();
        return image;
    }

    static BufferedImage image(String name) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(resource(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = PdqHasherTest.class.getResourceAsStream("/forensics/pdq/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
