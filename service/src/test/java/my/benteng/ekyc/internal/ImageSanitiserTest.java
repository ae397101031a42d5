package my.benteng.ekyc.internal;

import my.benteng.ekyc.internal.ImageSanitiser.Refusal;
import my.benteng.testing.SyntheticCards;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageSanitiserTest {

    private final ImageSanitiser sanitiser = new ImageSanitiser(5 * 1024 * 1024, 25_000_000);
    private final BufferedImage card = SyntheticCards.card(1, 800);

    @Test
    void sniffsTheTypeFromMagicBytesOnly() {
        assertThat(ImageSanitiser.sniff(SyntheticCards.jpeg(card, 0.9f))).contains(ImageSanitiser.Format.JPEG);
        assertThat(ImageSanitiser.sniff(SyntheticCards.png(card))).contains(ImageSanitiser.Format.PNG);
        assertThat(ImageSanitiser.sniff("GIF89a....".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageSanitiser.sniff("PK\u0003\u0004zip".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(ImageSanitiser.sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(ImageSanitiser.sniff(new byte[]{(byte) 0xFF, (byte) 0xD8})).isEmpty();
    }

    @Test
    void keepsJpegAndPngAsTheyAreByContent() {
        ImageSanitiser.Clean jpeg = sanitiser.sanitise(SyntheticCards.jpeg(card, 0.9f));
        assertThat(jpeg.format()).isEqualTo(ImageSanitiser.Format.JPEG);
        assertThat(jpeg.width()).isEqualTo(800);
        ImageSanitiser.Clean png = sanitiser.sanitise(SyntheticCards.png(card));
        assertThat(png.format()).isEqualTo(ImageSanitiser.Format.PNG);
        assertThat(SyntheticCards.decode(png.bytes()).getRGB(10, 10)).isEqualTo(card.getRGB(10, 10)); // lossless stays lossless
    }

    @Test
    void refusesWhatIsNotJpegOrPng() {
        refused("GIF89a\u0001\u0000\u0001\u0000".getBytes(StandardCharsets.ISO_8859_1), Refusal.NOT_AN_IMAGE);
        refused("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8), Refusal.NOT_AN_IMAGE);
        refused(new byte[0], Refusal.EMPTY);
        // right magic, garbage after it
        byte[] fake = new byte[4096];
        fake[0] = (byte) 0xFF;
        fake[1] = (byte) 0xD8;
        fake[2] = (byte) 0xFF;
        refused(fake, Refusal.UNREADABLE);
        byte[] truncatedPng = java.util.Arrays.copyOf(SyntheticCards.png(card), 40);
        refused(truncatedPng, Refusal.UNREADABLE);
    }

    @Test
    void refusesAPixelFloodFromTheHeaderBeforeDecoding() {
        // 60000 x 60000 = 3.6 gigapixels in a file of a few kilobytes: decoding would need > 10 GB
        byte[] bomb = SyntheticCards.pixelFloodPng(60_000, 60_000);
        assertThat(bomb.length).isLessThan(10_000);
        long before = usedMemory();
        refused(bomb, Refusal.TOO_MANY_PIXELS);
        assertThat(usedMemory() - before).isLessThan(200L * 1024 * 1024);
        refused(SyntheticCards.pixelFloodPng(5001, 5001), Refusal.TOO_MANY_PIXELS); // 25.01 MP
        refused(SyntheticCards.pixelFloodPng(1, 30_000), Refusal.TOO_MANY_PIXELS);  // a side beyond any card
    }

    @Test
    void boundsHowManyImagesAreDecodedAtOnce() {
        ImageSanitiser saturated = new ImageSanitiser(5 * 1024 * 1024, 25_000_000, 0, java.time.Duration.ofMillis(20));
        assertThatThrownBy(() -> saturated.sanitise(SyntheticCards.jpeg(card, 0.9f)))
                .isInstanceOfSatisfying(ImageSanitiser.RefusedImageException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.BUSY));
    }

    @Test
    void refusesImagesOverTheByteLimit() {
        ImageSanitiser small = new ImageSanitiser(1000, 25_000_000);
        assertThatThrownBy(() -> small.sanitise(SyntheticCards.jpeg(card, 0.9f)))
                .isInstanceOfSatisfying(ImageSanitiser.RefusedImageException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.TOO_LARGE));
    }

    @Test
    void reEncodingDropsAZipAppendedToAJpeg() {
        byte[] polyglot = SyntheticCards.withZipAppended(SyntheticCards.jpeg(card, 0.9f));
        assertThat(new String(polyglot, StandardCharsets.ISO_8859_1)).contains(SyntheticCards.ZIP_ENTRY);
        byte[] clean = sanitiser.sanitise(polyglot).bytes();
        String text = new String(clean, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(SyntheticCards.ZIP_ENTRY).doesNotContain("PK\u0003\u0004");
        assertThat(clean[clean.length - 2] & 0xff).isEqualTo(0xFF);
        assertThat(clean[clean.length - 1] & 0xff).isEqualTo(0xD9); // ends at EOI, nothing after
    }

    @Test
    void reEncodingDropsAZipAppendedToAPng() {
        byte[] clean = sanitiser.sanitise(SyntheticCards.withZipAppended(SyntheticCards.png(card))).bytes();
        assertThat(new String(clean, StandardCharsets.ISO_8859_1)).doesNotContain(SyntheticCards.ZIP_ENTRY);
    }

    @Test
    void reEncodingDropsExifAndGps() {
        byte[] withExif = SyntheticCards.withExif(SyntheticCards.jpeg(card, 0.9f));
        assertThat(new String(withExif, StandardCharsets.ISO_8859_1)).contains(SyntheticCards.EXIF_MARKER);
        SyntheticCards.decode(withExif); // still a valid JPEG
        String clean = new String(sanitiser.sanitise(withExif).bytes(), StandardCharsets.ISO_8859_1);
        assertThat(clean).doesNotContain("GPSLatitude").doesNotContain("Exif");
    }

    private void refused(byte[] data, Refusal expected) {
        assertThatThrownBy(() -> sanitiser.sanitise(data))
                .isInstanceOfSatisfying(ImageSanitiser.RefusedImageException.class, e -> assertThat(e.refusal()).isEqualTo(expected));
    }

    private static long usedMemory() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }
}
