package my.benteng.forensics.internal.pdq;

import my.benteng.testing.SyntheticCards;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How far apart PDQ hashes of template cards ({@link TemplateCards}) fall, per region hashed: between different
 * people (impostor pairs: a catalogue lookup must not call them the same) and between two captures of one person's
 * card, the second re-encoded as JPEG q50 and scaled to 60 % (genuine pairs: it must). Used by a unit test and by the
 * {@code pdq-catalogue} benchmark.
 */
public final class PdqCalibration {

    /** The regions compared, by name. */
    public static final Map<String, Function<BufferedImage, BufferedImage>> REGIONS = regions();

    private PdqCalibration() {
    }

    /** The distance distribution of one region. */
    public record Distribution(String region, int[] impostor, int[] genuine, int[] quality) {

        /** The {@code p}-th percentile (0–100) of sorted {@code values}, nearest rank. */
        public static int percentile(int[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        public int impostorsWithinMatchDistance() {
            return (int) Arrays.stream(impostor).filter(d -> d <= PdqHash.MATCH_DISTANCE).count();
        }

        public int genuineBeyondMatchDistance() {
            return (int) Arrays.stream(genuine).filter(d -> d > PdqHash.MATCH_DISTANCE).count();
        }

        public Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("region", region);
            m.put("impostorPairs", impostor.length);
            m.put("impostorMin", impostor[0]);
            m.put("impostorP1", percentile(impostor, 1));
            m.put("impostorP5", percentile(impostor, 5));
            m.put("impostorMedian", percentile(impostor, 50));
            m.put("impostorsWithin31", impostorsWithinMatchDistance());
            m.put("genuinePairs", genuine.length);
            m.put("genuineMedian", percentile(genuine, 50));
            m.put("genuineP95", percentile(genuine, 95));
            m.put("genuineMax", genuine[genuine.length - 1]);
            m.put("genuineBeyond31", genuineBeyondMatchDistance());
            m.put("qualityMin", quality[0]);
            m.put("qualityMedian", percentile(quality, 50));
            return m;
        }
    }

    /** Measures {@code people} synthetic people's cards, {@code width} pixels wide. */
    public static List<Distribution> run(int people, int width) {
        PdqHasher hasher = new PdqHasher();
        Map<String, PdqHash[]> first = new LinkedHashMap<>();
        Map<String, PdqHash[]> second = new LinkedHashMap<>();
        REGIONS.keySet().forEach(k -> {
            first.put(k, new PdqHash[people]);
            second.put(k, new PdqHash[people]);
        });
        for (int p = 0; p < people; p++) {
            BufferedImage capture = TemplateCards.card(1000L + p, 1, width);
            BufferedImage leaked = SyntheticCards.decode(SyntheticCards.jpeg(scale(TemplateCards.card(1000L + p, 2, width), 0.6), 0.5f));
            for (var region : REGIONS.entrySet()) {
                first.get(region.getKey())[p] = hasher.hash(region.getValue().apply(capture));
                second.get(region.getKey())[p] = hasher.hash(region.getValue().apply(leaked));
            }
        }
        List<Distribution> out = new ArrayList<>();
        for (String region : REGIONS.keySet()) {
            PdqHash[] a = first.get(region);
            PdqHash[] b = second.get(region);
            int[] impostor = new int[people * (people - 1) / 2];
            int n = 0;
            for (int i = 0; i < people; i++) {
                for (int j = i + 1; j < people; j++) {
                    impostor[n++] = a[i].distance(a[j]);
                }
            }
            int[] genuine = new int[people];
            int[] quality = new int[people];
            for (int i = 0; i < people; i++) {
                genuine[i] = a[i].distance(b[i]);
                quality[i] = a[i].quality();
            }
            Arrays.sort(impostor);
            Arrays.sort(genuine);
            Arrays.sort(quality);
            out.add(new Distribution(region, impostor, genuine, quality));
        }
        return out;
    }

    private static Map<String, Function<BufferedImage, BufferedImage>> regions() {
        Map<String, Function<BufferedImage, BufferedImage>> m = new LinkedHashMap<>();
        m.put("whole card", card -> card);
        m.put("photo", TemplateCards.PHOTO::extract);
        m.put("text", TemplateCards.TEXT::extract);
        m.put("photo + text", TemplateCards.PHOTO_AND_TEXT::extract);
        return m;
    }

    static BufferedImage scale(BufferedImage in, double factor) {
        int w = (int) Math.round(in.getWidth() * factor), h = (int) Math.round(in.getHeight() * factor);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(in, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
