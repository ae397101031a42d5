package my.benteng.bench;

import my.benteng.testing.SyntheticCards;

import my.benteng.ekyc.internal.EnvelopeCipher;
import my.benteng.ekyc.internal.FilesystemBlobStore;
import my.benteng.ekyc.internal.ForensicWatermark;
import my.benteng.ekyc.internal.ImageSanitiser;
import my.benteng.ekyc.internal.LocalKeyVault;
import my.benteng.ekyc.internal.Renditions;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The eKYC vault's figures (issue 5), on the vault's own components (no HTTP, no database):
 * <ol>
 *   <li>watermark robustness: renditions of {@code --cards} synthetic cards, each through every transform, then
 *       decoded — recovery rate and wrong ids per transform;</li>
 *   <li>false positives: {@code --unmarked} unmarked synthetic cards (half as JPEG q70) decoded;</li>
 *   <li>ingest throughput of 2 MP JPEGs: sanitise (sniff, header check, decode, re-encode) + envelope-encrypt +
 *       store to a temporary directory, against the baseline plain decode + encode of the same images in the same run;</li>
 *   <li>rendition latency: decrypt + decode + overlay + watermark + JPEG encode of stored 2 MP images, p50/p99,
 *       against the baseline decode + JPEG encode.</li>
 * </ol>
 */
public final class EkycBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Map<String, String> o = AttackReplay.options(args);
        int cards = Integer.parseInt(o.getOrDefault("cards", "200"));
        int unmarked = Integer.parseInt(o.getOrDefault("unmarked", "2000"));
        int width = Integer.parseInt(o.getOrDefault("width", "1000"));
        int ingestImages = Integer.parseInt(o.getOrDefault("ingest-images", "40"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        int threads = Integer.parseInt(o.getOrDefault("threads", Integer.toString(Runtime.getRuntime().availableProcessors())));
        long seed = Long.parseLong(o.getOrDefault("seed", "20261122")); // seeded: the same synthetic cards every run

        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ForensicWatermark watermark = new ForensicWatermark(key, 8.0);
        Renditions renditions = new Renditions(watermark);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "ekyc");
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("java", Runtime.version().toString());
        result.put("threads", threads);

        // 1. robustness
        Map<String, UnaryOperator<BufferedImage>> transforms = new LinkedHashMap<>();
        transforms.put("none (rendition as served)", i -> i);
        transforms.put("JPEG q70", i -> decode(SyntheticCards.jpeg(i, 0.7f)));
        transforms.put("downscale 50%", EkycBenchmark::halve);
        transforms.put("PNG round trip", i -> decode(SyntheticCards.png(i)));
        // crops seeded from the image itself: every run cuts the same card the same way (a workload, not a secret)
        transforms.put("crop <=5% per side", i -> crop(i, new Random(i.getRGB(1, 1))));
        transforms.put("all four chained", i -> crop(decode(SyntheticCards.png(halve(decode(SyntheticCards.jpeg(i, 0.7f))))), new Random(i.getRGB(2, 2))));
        Map<String, AtomicInteger> ok = new LinkedHashMap<>();
        Map<String, AtomicInteger> wrong = new LinkedHashMap<>();
        transforms.keySet().forEach(k -> {
            ok.put(k, new AtomicInteger());
            wrong.put(k, new AtomicInteger());
        });
        List<Double> decodeMs = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long t0 = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (int c = 0; c < cards; c++) {
            final int card = c;
            jobs.add(pool.submit(() -> {
                // the access id a card's rendition carries, reproducible per seed (a test vector, not a secret)
                long id = new Random(seed + card).nextLong() & 0xFFFFFFFFFFFFL;
                BufferedImage served = decode(renditions.render(SyntheticCards.card(seed + card, width), "Bank Contoh Berhad", "ACCOUNT_OPENING",
                        LocalDate.of(2026, 11, 22), id).jpeg());
                transforms.forEach((name, t) -> {
                    BufferedImage leaked = t.apply(served);
                    long d0 = System.nanoTime();
                    OptionalLong got = watermark.decode(leaked);
                    decodeMs.add((System.nanoTime() - d0) / 1e6);
                    if (got.isPresent() && got.getAsLong() == id) {
                        ok.get(name).incrementAndGet();
                    } else if (got.isPresent()) {
                        wrong.get(name).incrementAndGet();
                    }
                });
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        System.err.printf(Locale.ROOT, "robustness: %d cards in %.0f s%n", cards, (System.nanoTime() - t0) / 1e9);
        List<Map<String, Object>> table = new ArrayList<>();
        transforms.keySet().forEach(k -> table.add(row("transform", k, "recovered", ok.get(k).get(), "wrongId", wrong.get(k).get(),
                "of", cards, "rate", cards == 0 ? 0.0 : round(100.0 * ok.get(k).get() / cards, 1))));
        result.put("robustness", Map.of("cards", cards, "cardWidth", width, "strength", 8.0, "table", table,
                "decodeMs", percentiles(decodeMs)));

        // 2. false positives
        AtomicInteger falsePositives = new AtomicInteger();
        jobs.clear();
        t0 = System.nanoTime();
        for (int u = 0; u < unmarked; u++) {
            final int n = u;
            jobs.add(pool.submit(() -> {
                BufferedImage plain = SyntheticCards.card(seed * 31 + 1_000_000 + n, width);
                if (n % 2 == 1) {
                    plain = decode(SyntheticCards.jpeg(plain, 0.7f));
                }
                if (watermark.decode(plain).isPresent()) {
                    falsePositives.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
        System.err.printf(Locale.ROOT, "false positives: %d unmarked in %.0f s%n", unmarked, (System.nanoTime() - t0) / 1e9);
        result.put("falsePositives", Map.of("unmarked", unmarked, "falsePositives", falsePositives.get(),
                "rate", unmarked == 0 ? 0.0 : (double) falsePositives.get() / unmarked, "designBound", "22 candidates / 2^24 = 1.3e-6 per image"));

        // 3. ingest throughput, 2 MP JPEGs
        int w2 = 1782; // 1782 x 1124 = 2.0 MP at the card's aspect ratio
        List<byte[]> uploads = new ArrayList<>();
        for (int i = 0; i < ingestImages; i++) {
            uploads.add(SyntheticCards.jpeg(SyntheticCards.card(seed + 5_000 + i, w2), 0.9f));
        }
        Path dir = Files.createTempDirectory("ekyc-bench");
        LocalKeyVault vault = new LocalKeyVault(dir.resolve("kek.keyset"), key);
        FilesystemBlobStore blobs = new FilesystemBlobStore(dir.resolve("blobs"), new SecureRandom());
        EnvelopeCipher cipher = new EnvelopeCipher(vault, blobs);
        ImageSanitiser sanitiser = new ImageSanitiser(5L * 1024 * 1024, 25_000_000);
        List<Double> baseline = new ArrayList<>();
        List<Double> ingest = new ArrayList<>();
        List<EnvelopeCipher.Sealed> sealed = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < rounds + 1; r++) { // round 0 is warm-up
            long b0 = System.nanoTime();
            for (byte[] u : uploads) {
                ImageSanitiser.jpeg(ImageSanitiser.toRgb(decode(u)), 0.92f);
            }
            double baseRate = uploads.size() / ((System.nanoTime() - b0) / 1e9);
            long i0 = System.nanoTime();
            for (byte[] u : uploads) {
                String id = java.util.UUID.randomUUID().toString();
                EnvelopeCipher.Sealed s = cipher.seal(id, sanitiser.sanitise(u).bytes());
                if (r == rounds) {
                    sealed.add(s);
                    ids.add(id);
                }
            }
            double ingestRate = uploads.size() / ((System.nanoTime() - i0) / 1e9);
            if (r > 0) {
                baseline.add(baseRate);
                ingest.add(ingestRate);
            }
        }
        double baseMedian = median(baseline);
        double ingestMedian = median(ingest);
        result.put("ingest", Map.of("images", ingestImages, "megapixels", round(w2 * Math.round(w2 / 1.586) / 1e6, 2), "rounds", rounds,
                "meanUploadKiB", uploads.stream().mapToInt(b -> b.length).average().orElse(0) / 1024,
                "baselineDecodeEncodePerSecond", round(baseMedian, 2), "sanitiseEncryptStorePerSecond", round(ingestMedian, 2),
                "ratio", round(ingestMedian / baseMedian, 3)));

        // 4. rendition latency
        List<Double> renditionMs = new ArrayList<>();
        List<Double> plainMs = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < sealed.size(); i++) {
                long p0 = System.nanoTime();
                byte[] bytes = cipher.open(ids.get(i), sealed.get(i));
                BufferedImage original = decode(bytes);
                byte[] jpeg = renditions.render(original, "Bank Contoh Berhad", "ACCOUNT_OPENING", LocalDate.of(2026, 11, 22), i).jpeg();
                double ms = (System.nanoTime() - p0) / 1e6;
                long q0 = System.nanoTime();
                ImageSanitiser.jpeg(ImageSanitiser.toRgb(decode(bytes)), 0.9f);
                double plain = (System.nanoTime() - q0) / 1e6;
                if (r > 0 && jpeg.length > 0) { // first pass warms up
                    renditionMs.add(ms);
                    plainMs.add(plain);
                }
            }
        }
        result.put("rendition", Map.of("images", renditionMs.size(), "renditionMs", percentiles(renditionMs),
                "baselineDecodeEncodeMs", percentiles(plainMs)));
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        System.out.println(JSON.writeValueAsString(result));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-28s %10s %8s %8s%n", "transform (" + cards + " cards)", "recovered", "rate %", "wrong id");
        for (Map<String, Object> t : table) {
            System.out.printf(Locale.ROOT, "%-28s %10s %8s %8s%n", t.get("transform"), t.get("recovered"), t.get("rate"), t.get("wrongId"));
        }
        System.out.printf(Locale.ROOT, "false positives: %d of %d unmarked%n", falsePositives.get(), unmarked);
        System.out.printf(Locale.ROOT, "ingest 2 MP: %.2f images/s (baseline decode+encode %.2f/s, ratio %.2f)%n", ingestMedian, baseMedian,
                ingestMedian / baseMedian);
        System.out.printf(Locale.ROOT, "rendition: %s ms (baseline %s ms)%n", percentiles(renditionMs), percentiles(plainMs));
        System.exit(0);
    }

    private static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static BufferedImage halve(BufferedImage img) {
        BufferedImage out = new BufferedImage(img.getWidth() / 2, img.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, out.getWidth(), out.getHeight(), null);
        g.dispose();
        return out;
    }

    /** A screenshot-like crop: 0-5 % off each side, independently. */
    static BufferedImage crop(BufferedImage img, Random r) {
        int l = (int) (img.getWidth() * 0.05 * r.nextDouble());
        int rr = (int) (img.getWidth() * 0.05 * r.nextDouble());
        int t = (int) (img.getHeight() * 0.05 * r.nextDouble());
        int b = (int) (img.getHeight() * 0.05 * r.nextDouble());
        BufferedImage out = new BufferedImage(img.getWidth() - l - rr, img.getHeight() - t - b, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(img.getSubimage(l, t, out.getWidth(), out.getHeight()), 0, 0, null);
        g.dispose();
        return out;
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static Map<String, Object> percentiles(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        if (s.isEmpty()) {
            return Map.of();
        }
        return Map.of("count", s.size(), "p50", round(s.get((int) (0.5 * (s.size() - 1))), 1), "p99",
                round(s.get((int) Math.ceil(0.99 * (s.size() - 1))), 1), "max", round(s.getLast(), 1));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
