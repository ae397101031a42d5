package my.benteng.forensics.internal.pdq;

import my.benteng.forensics.internal.pdq.PdqIndex.Admission;
import my.benteng.forensics.internal.pdq.PdqIndex.LowQuality;
import my.benteng.forensics.internal.pdq.PdqIndex.Match;
import my.benteng.forensics.internal.pdq.PdqIndex.Matches;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Property tests: for seeded random catalogues with planted near-duplicates at every distance around the threshold,
 * the multi-index lookup returns exactly what a brute-force scan returns (same entries, same distances, same order).
 */
class PdqIndexTest {

    private static final int[] THRESHOLDS = {0, 1, 15, 16, 17, 31, 32, 47, 48, 63};

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 20261205})
    void lookupReturnsExactlyWhatABruteForceScanReturns(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PdqHash> stored = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            stored.add(random(random));
        }
        // near-duplicates of earlier entries at distances 0..70, each also a query target below
        List<PdqHash> bases = new ArrayList<>(stored.subList(0, 200));
        for (PdqHash base : bases) {
            stored.add(flip(base, random.nextInt(71), random));
        }
        // the same bits stored twice (one image in two breaches)
        stored.add(stored.get(5).withQuality(100));

        List<PdqHash> queries = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queries.add(random(random).withQuality(50 + random.nextInt(51)));
        }
        for (PdqHash base : bases) {
            queries.add(flip(base, random.nextInt(71), random).withQuality(50 + random.nextInt(51)));
        }
        queries.add(stored.get(5).withQuality(100));

        for (int threshold : THRESHOLDS) {
            PdqIndex<Integer> index = new PdqIndex<>(threshold);
            for (int i = 0; i < stored.size(); i++) {
                Admission admission = index.add(stored.get(i), i);
                assertThat(admission).isEqualTo(stored.get(i).quality() >= 50 ? Admission.INDEXED : Admission.LOW_QUALITY);
            }
            int matched = 0;
            for (PdqHash q : queries) {
                List<Match<Integer>> expected = bruteForce(stored, q, threshold);
                List<Match<Integer>> got = ((Matches<Integer>) index.lookup(q)).matches();
                assertThat(got).as("threshold %d, query %s", threshold, q).containsExactlyElementsOf(expected);
                matched += expected.size();
            }
            if (threshold >= 16) {
                assertThat(matched).as("the planted near-duplicates make the comparison non-trivial").isGreaterThan(10);
            }
        }
    }

    @Test
    void theDefaultThresholdIsMetasThirtyOneAndTheBoundaryIsInclusive() {
        SplittableRandom random = new SplittableRandom(42);
        PdqHash base = random(random).withQuality(100);
        PdqIndex<String> index = new PdqIndex<>();
        assertThat(index.threshold()).isEqualTo(31);
        index.add(flip(base, 31, random), "at 31");
        index.add(flip(base, 32, random), "at 32");
        index.add(base, "at 0");
        assertThat(((Matches<String>) index.lookup(base)).matches()).extracting(Match::value).containsExactly("at 0", "at 31");
    }

    @Test
    void lowQualityHashesAreNeitherStoredNorLookedUp() {
        SplittableRandom random = new SplittableRandom(9);
        PdqHash hash = random(random);
        PdqIndex<String> index = new PdqIndex<>();
        assertThat(index.add(hash.withQuality(49), "flat")).isEqualTo(Admission.LOW_QUALITY);
        assertThat(index.size()).isZero();
        assertThat(index.add(hash.withQuality(50), "sharp")).isEqualTo(Admission.INDEXED);
        assertThat(index.lookup(hash.withQuality(49))).isEqualTo(new LowQuality<String>(49));
        assertThat(((Matches<String>) index.lookup(hash.withQuality(50))).matches()).extracting(Match::value).containsExactly("sharp");
    }

    @Test
    void parallelAddsAreAllKeptWhileLookupsRun() throws Exception {
        SplittableRandom random = new SplittableRandom(77);
        int threads = 4, perThread = 5000;
        List<List<PdqHash>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<PdqHash> hashes = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                hashes.add(random(random).withQuality(100));
            }
            work.add(hashes);
        }
        PdqIndex<String> index = new PdqIndex<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                jobs.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        index.add(work.get(thread).get(i), thread + "/" + i);
                    }
                }));
            }
            jobs.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    index.lookup(work.get(0).get(i));
                }
            }));
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(index.size()).isEqualTo(threads * perThread);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i += 97) {
                assertThat(((Matches<String>) index.lookup(work.get(t).get(i))).matches())
                        .contains(new Match<>(work.get(t).get(i), t + "/" + i, 0));
            }
        }
    }

    @Test
    void thresholdsOutsideTheProbedRangeAreRefused() {
        assertThatThrownBy(() -> new PdqIndex<String>(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PdqIndex<String>(64)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Match<Integer>> bruteForce(List<PdqHash> stored, PdqHash query, int threshold) {
        List<Match<Integer>> out = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            PdqHash h = stored.get(i);
            if (h.quality() >= 50 && h.distance(query) <= threshold) {
                out.add(new Match<>(h, i, h.distance(query)));
            }
        }
        out.sort(java.util.Comparator.comparingInt((Match<Integer> m) -> m.distance()).thenComparingInt(Match::value));
        return out;
    }

    /** A uniformly random 256-bit hash with a quality uniform in 0–100 (so about half are below the floor). */
    static PdqHash random(SplittableRandom random) {
        return new PdqHash(random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong(), random.nextInt(101));
    }

    /** {@code hash} with exactly {@code bits} distinct bits flipped. */
    static PdqHash flip(PdqHash hash, int bits, SplittableRandom random) {
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
        return PdqHash.ofWords(w, hash.quality());
    }
}
