package my.benteng.ekyc.internal;

import my.benteng.testing.SyntheticCards;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Robustness on a handful of cards (the 200-card table is the bench's {@code ekyc} subcommand). */
class ForensicWatermarkTest {

    private final byte[] key = new byte[32];
    private final ForensicWatermark watermark;
    private final Renditions renditions;

    ForensicWatermarkTest() {
        new Random(7).nextBytes(key);
        watermark = new ForensicWatermark(key, ForensicWatermarkStrength.DEFAULT);
        renditions = new Renditions(watermark);
    }

    private BufferedImage rendition(long seed, long id) {
        return SyntheticCards.decode(renditions.render(SyntheticCards.card(seed, 1000), "Bank Contoh Berhad", "ACCOUNT_OPENING",
                LocalDate.of(2026, 11, 22), id).jpeg());
    }

    @Test
    void recoversTheAccessIdFromTheRendition() {
        assertThat(watermark.decode(rendition(1, 0xA1B2C3D4E5F6L))).hasValue(0xA1B2C3D4E5F6L);
    }

    @Test
    void aRenditionWhoseWatermarkWouldNotDecodeIsEmbeddedStrongerBeforeItLeaves() {
        // found by rendering 400 random cards: at the default strength this rendition's own watermark does not decode
        byte[] unluckyKey = java.util.HexFormat.of().parseHex("14800f343a3f6e3dea52713db2075e951ca6e2990332d676de61ec4ff56b89ec");
        ForensicWatermark unlucky = new ForensicWatermark(unluckyKey, ForensicWatermarkStrength.DEFAULT);
        BufferedImage card = SyntheticCards.decode(SyntheticCards.jpeg(SyntheticCards.card(-1552707481703724779L, 1000), 0.9f));
        long id = 0xdbd1eed4a6dbL;

        byte[] jpeg = new Renditions(unlucky).render(card, "Bank 29c0e8df", "ACCOUNT_OPENING", LocalDate.of(2026, 12, 4), id).jpeg();

        assertThat(unlucky.decode(SyntheticCards.decode(jpeg))).hasValue(id);
    }

    @Test
    void aRenditionWhoseWatermarkDoesNotDecodeAtAnyStrengthIsWithheld() {
        ForensicWatermark none = new ForensicWatermark(key, 0); // embeds nothing: nothing can decode
        BufferedImage card = SyntheticCards.card(3, 1000);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Renditions(none).render(card, "Bank Contoh Berhad",
                "ACCOUNT_OPENING", LocalDate.of(2026, 12, 4), 0x123456789AL)).isInstanceOf(Renditions.UnattributableRenditionException.class);
    }

    @Test
    void survivesJpegQuality70() {
        survives(img -> SyntheticCards.decode(SyntheticCards.jpeg(img, 0.7f)));
    }

    @Test
    void survivesDownscalingToHalf() {
        survives(Transforms::halve);
    }

    @Test
    void survivesPngRoundTrip() {
        survives(img -> SyntheticCards.decode(SyntheticCards.png(img)));
    }

    @Test
    void survivesAScreenshotLikeCrop() {
        survives(img -> Transforms.crop(img, 0.05, 0.03, 0.02, 0.05));
    }

    @Test
    void reportsNoWatermarkOnUnmarkedImages() {
        for (int seed = 100; seed < 140; seed++) {
            assertThat(watermark.decode(SyntheticCards.card(seed, 1000))).isEmpty();
        }
    }

    @Test
    void anotherDeploymentsKeyFindsNothing() {
        byte[] other = key.clone();
        other[0] ^= 1;
        assertThat(new ForensicWatermark(other, ForensicWatermarkStrength.DEFAULT).decode(rendition(3, 42))).isEmpty();
    }

    @Test
    void theKeyedLayoutAndCheckAreThoseOfRenditionsAlreadyHandedOut() {
        // golden value computed by the HMAC code before platform.KeyedHash: a leaked rendition must still decode. The sign
        // of each cell's centre on flat grey is chip × payload bit, so this pins the keyed chips, permutation and check
        BufferedImage grey = new BufferedImage(ForensicWatermark.COLS * 10, ForensicWatermark.ROWS * 10, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(new java.awt.Color(128, 128, 128));
        g.fillRect(0, 0, grey.getWidth(), grey.getHeight());
        g.dispose();

        watermark.embed(grey, 0xA1B2C3D4E5F6L);

        StringBuilder signs = new StringBuilder();
        for (int row = 0; row < ForensicWatermark.ROWS; row++) {
            for (int col = 0; col < ForensicWatermark.COLS; col++) {
                int blue = grey.getRGB(col * 10 + 5, row * 10 + 5) & 0xff;
                signs.append(blue > 128 ? '+' : blue < 128 ? '-' : '0');
            }
        }
        assertThat(signs.toString()).doesNotContain("0");
        assertThat(sha256(signs.toString())).isEqualTo("68840d355c76d3de566b50e4a8a502d05cf9005a6ac8e0050318431bcc4b0042");
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void survives(UnaryOperator<BufferedImage> transform) {
        int ok = 0;
        for (int seed = 0; seed < 6; seed++) {
            long id = new Random(seed).nextLong() & 0xFFFFFFFFFFFFL;
            OptionalLong decoded = watermark.decode(transform.apply(rendition(seed, id)));
            if (decoded.isPresent()) {
                assertThat(decoded.getAsLong()).isEqualTo(id); // never a wrong id
                ok++;
            }
        }
        assertThat(ok).isGreaterThanOrEqualTo(5);
    }
}
