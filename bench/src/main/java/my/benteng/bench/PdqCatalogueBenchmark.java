package my.benteng.bench;

import my.benteng.forensics.internal.pdq.PdqCalibration;
import my.benteng.forensics.internal.pdq.PdqHash;
import my.benteng.forensics.internal.pdq.PdqHasher;
import my.benteng.forensics.internal.pdq.PdqIndex;
import my.benteng.testing.SyntheticCards;
import tools.jackson.databind.json.JsonMapper;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The known-breach catalogue's figures (issue 15, item 4), on the PDQ components alone (no HTTP, no database):
 * <ol>
 *   <li>catalogue lookup at {@code --hashes} (1 M) stored hashes — uniformly random ones plus planted near-duplicates
 *       of earlier entries — over {@code --queries} (10,000) queries, half within distance 0–31 of a stored hash and
 *       half random: latency p50/p99 of the multi-index {@link PdqIndex} against a brute-force scan of the same hashes
 *       in the same run, and whether both return the same matches for every query;</li>
 *   <li>PDQ hashing time of a 2 MP synthetic card (decoded image in, hash out), and of all eight dihedral hashes;</li>
 *   <li>calibration: Hamming distances between template cards of {@code --people} synthetic people (impostors) and
 *       between two captures of one card, the second JPEG q50 at 60 % (genuine), for the whole card, the photo, the
 *       text, and photo + text.</li>
 * </ol>
 */
public final class PdqCatalogueBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) {
        Map<String, String> o = AttackReplay.options(args);
        int hashes = Integer.parseInt(o.getOrDefault("hashes", "1000000"));
        int queries = Integer.parseInt(o.getOrDefault("queries", "10000"));
        int planted = Integer.parseInt(o.getOrDefault("planted", "10000"));
        int images = Integer.parseInt(o.getOrDefault("images", "30"));
        int people = Integer.parseInt(o.getOrDefault("people", "100"));
        long seed = Long.parseLong(o.getOrDefault("seed", "20261205")); // seeded: the same catalogue every run (a workload, not a secret)

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "pdq-catalogue");
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("java", Runtime.version().toString());
        result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);

        // 1. the catalogue: random hashes, then planted near-duplicates of earlier ones (one image in several breaches)
        SplittableRandom random = new SplittableRandom(seed);
        PdqHash[] stored = new PdqHash[hashes];
        for (int i = 0; i < hashes - planted; i++) {
            stored[i] = randomHash(random);
        }
        for (int i = hashes - planted; i < hashes; i++) {
            stored[i] = flip(stored[random.nextInt(hashes - planted)], 1 + random.nextInt(31), random);
        }
        long heapBefore = usedHeap();
        PdqIndex<Integer> index = new PdqIndex<>();
        long b0 = System.nanoTime();
        for (int i = 0; i < hashes; i++) {
            index.add(stored[i], i);
        }
        double buildSeconds = (System.nanoTime() - b0) / 1e9;
        long indexMiB = (usedHeap() - heapBefore) >> 20; // entries carry a boxed Integer each, as a catalogue's would carry an id
        long[] words = new long[4 * hashes]; // the brute-force baseline scans plain arrays, as fast as a scan gets
        for (int i = 0; i < hashes; i++) {
            for (int w = 0; w < 4; w++) {
                words[4 * i + w] = stored[i].word(w);
            }
        }
        PdqHash[] asked = new PdqHash[queries];
        int[] source = new int[queries];
        for (int q = 0; q < queries; q++) {
            if (q % 2 == 0) {
                source[q] = random.nextInt(hashes);
                asked[q] = flip(stored[source[q]], random.nextInt(32), random);
            } else {
                source[q] = -1;
                asked[q] = randomHash(random);
            }
        }
        System.err.printf(Locale.ROOT, "catalogue: %d hashes indexed in %.1f s%n", hashes, buildSeconds);

        for (int w = 0; w < Math.min(2000, queries); w++) { // warm-up of both paths
            index.lookup(asked[w]);
            bruteForce(words, asked[w], PdqHash.MATCH_DISTANCE);
        }
        double[] indexMs = new double[queries];
        double[] scanMs = new double[queries];
        int mismatches = 0, found = 0, plantedFound = 0, randomWithMatches = 0;
        long matchesTotal = 0;
        for (int q = 0; q < queries; q++) {
            long t0 = System.nanoTime();
            List<PdqIndex.Match<Integer>> got = ((PdqIndex.Matches<Integer>) index.lookup(asked[q])).matches();
            indexMs[q] = (System.nanoTime() - t0) / 1e6;
            long t1 = System.nanoTime();
            long[] expected = bruteForce(words, asked[q], PdqHash.MATCH_DISTANCE);
            scanMs[q] = (System.nanoTime() - t1) / 1e6;
            long[] gotKeys = got.stream().mapToLong(m -> (long) m.distance() << 32 | m.value()).toArray();
            if (!Arrays.equals(gotKeys, expected)) {
                mismatches++;
            }
            matchesTotal += got.size();
            if (!got.isEmpty()) {
                found++;
            }
            int src = source[q];
            if (src >= 0 && got.stream().anyMatch(m -> m.value() == src)) {
                plantedFound++;
            }
            if (src < 0 && !got.isEmpty()) {
                randomWithMatches++;
            }
        }
        Map<String, Object> lookup = new LinkedHashMap<>();
        lookup.put("hashes", hashes);
        lookup.put("plantedNearDuplicates", planted);
        lookup.put("threshold", PdqHash.MATCH_DISTANCE);
        lookup.put("queries", queries);
        lookup.put("buildSeconds", round(buildSeconds, 1));
        lookup.put("indexHeapMiB", indexMiB);
        lookup.put("indexMs", percentiles(indexMs));
        lookup.put("bruteForceMs", percentiles(scanMs));
        lookup.put("speedupAtP50", round(percentile(scanMs, 50) / percentile(indexMs, 50), 1));
        lookup.put("queriesWhereIndexAndScanDiffer", mismatches);
        lookup.put("nearQueriesFindingTheirSource", plantedFound + " of " + (queries + 1) / 2);
        lookup.put("randomQueriesWithAMatch", randomWithMatches);
        lookup.put("queriesWithMatches", found);
        lookup.put("matchesReturned", matchesTotal);
        lookup.put("goal", "<= 50 ms per lookup at 1 M hashes");
        result.put("lookup", lookup);
        System.err.printf(Locale.ROOT, "lookup: index p50 %.3f ms, scan p50 %.3f ms%n", percentile(indexMs, 50), percentile(scanMs, 50));
        stored = null; // let the catalogue go before the image work
        words = null;

        // 2. hashing a 2 MP image
        PdqHasher hasher = new PdqHasher();
        int width = 1782; // 1782 x 1124 = 2.0 MP at the card's aspect ratio
        List<BufferedImage> cards = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            cards.add(SyntheticCards.card(seed + i, width));
        }
        double[] hashMs = new double[images];
        double[] dihedralMs = new double[images];
        for (int round = 0; round < 2; round++) { // round 0 warms up
            for (int i = 0; i < images; i++) {
                long t0 = System.nanoTime();
                hasher.hash(cards.get(i));
                hashMs[i] = (System.nanoTime() - t0) / 1e6;
                long t1 = System.nanoTime();
                hasher.dihedral(cards.get(i));
                dihedralMs[i] = (System.nanoTime() - t1) / 1e6;
            }
        }
        Map<String, Object> hashing = new LinkedHashMap<>();
        hashing.put("images", images);
        hashing.put("width", width);
        hashing.put("height", cards.getFirst().getHeight());
        hashing.put("hashMs", percentiles(hashMs));
        hashing.put("eightDihedralHashesMs", percentiles(dihedralMs));
        result.put("hashing2MP", hashing);
        cards.clear();
        System.err.printf(Locale.ROOT, "hashing 2 MP: p50 %.1f ms%n", percentile(hashMs, 50));

        // 3. calibration on template cards
        long c0 = System.nanoTime();
        List<PdqCalibration.Distribution> calibration = PdqCalibration.run(people, 1000);
        System.err.printf(Locale.ROOT, "calibration: %d people in %.0f s%n", people, (System.nanoTime() - c0) / 1e9);
        List<Map<String, Object>> rows = calibration.stream().map(PdqCalibration.Distribution::summary).toList();
        result.put("calibration", Map.of("people", people, "cardWidth", 1000,
                "genuine", "second capture of the same card, scaled to 60 % and re-encoded JPEG q50", "regions", rows));

        System.out.println(JSON.writeValueAsString(result));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %10s %10s %10s%n", "lookup at " + hashes + " hashes", "p50 ms", "p99 ms", "max ms");
        System.out.printf(Locale.ROOT, "%-34s %10.3f %10.3f %10.3f%n", "multi-index (16 x 16 bits)", percentile(indexMs, 50), percentile(indexMs, 99), percentile(indexMs, 100));
        System.out.printf(Locale.ROOT, "%-34s %10.3f %10.3f %10.3f%n", "brute-force scan (baseline)", percentile(scanMs, 50), percentile(scanMs, 99), percentile(scanMs, 100));
        System.out.printf(Locale.ROOT, "queries where index and scan differ: %d of %d; near queries finding their source: %d of %d%n",
                mismatches, queries, plantedFound, (queries + 1) / 2);
        System.out.printf(Locale.ROOT, "hashing a 2 MP image: p50 %.1f ms, p99 %.1f ms (8 dihedral hashes: p50 %.1f ms)%n",
                percentile(hashMs, 50), percentile(hashMs, 99), percentile(dihedralMs, 50));
        System.out.printf(Locale.ROOT, "%n%-14s %28s %30s%n", "calibration", "impostors min / p1 / p5 / p50 (<=31)", "genuine p50 / p95 / max (>31)");
        for (Map<String, Object> r : rows) {
            System.out.printf(Locale.ROOT, "%-14s %16s (%5s) %22s (%3s)%n", r.get("region"),
                    r.get("impostorMin") + " / " + r.get("impostorP1") + " / " + r.get("impostorP5") + " / " + r.get("impostorMedian"),
                    r.get("impostorsWithin31"), r.get("genuineMedian") + " / " + r.get("genuineP95") + " / " + r.get("genuineMax"),
                    r.get("genuineBeyond31"));
        }
        System.exit(0);
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Every stored hash within {@code threshold}, as {@code distance << 32 | entry}, sorted (the index's order). */
    static long[] bruteForce(long[] words, PdqHash query, int threshold) {
        long q0 = query.word(0), q1 = query.word(1), q2 = query.word(2), q3 = query.word(3);
        long[] out = new long[8];
        int n = 0;
        for (int e = 0, base = 0; base < words.length; e++, base += 4) {
            int d = Long.bitCount(words[base] ^ q0) + Long.bitCount(words[base + 1] ^ q1)
                    + Long.bitCount(words[base + 2] ^ q2) + Long.bitCount(words[base + 3] ^ q3);
            if (d <= threshold) {
                if (n == out.length) {
                    out = Arrays.copyOf(out, n * 2);
                }
                out[n++] = (long) d << 32 | e;
            }
        }
        long[] found = Arrays.copyOf(out, n);
        Arrays.sort(found);
        return found;
    }

    private static PdqHash randomHash(SplittableRandom random) {
        return new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), 100);
    }

    /** {@code hash} with exactly {@code bits} distinct bits flipped. */
    private static PdqHash flip(PdqHash hash, int bits, SplittableRandom random) {
        long[] w = {hash.word(0), hash.word(1), hash.word(2), hash.word(3)};
        int flipped = 0;
        while (flipped < bits) {
            int k = random.nextInt(256);
            long mask = 1L << (k & 63);
            if ((w[k >>> 6] & mask) == (hash.word(k >>> 6) & mask)) {
                w[k >>> 6] ^= mask;
                flipped++;
            }
        }
        return new PdqHash(w[3], w[2], w[1], w[0], hash.quality());
    }

    private static double percentile(double[] values, double p) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s[(int) Math.ceil(p / 100 * (s.length - 1))];
    }

    private static Map<String, Object> percentiles(double[] values) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", values.length);
        m.put("p50", round(percentile(values, 50), 3));
        m.put("p99", round(percentile(values, 99), 3));
        m.put("max", round(percentile(values, 100), 3));
        m.put("mean", round(Arrays.stream(values).average().orElse(0), 3));
        return m;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
