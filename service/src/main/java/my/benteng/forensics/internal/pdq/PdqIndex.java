package my.benteng.forensics.internal.pdq;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An in-memory catalogue of PDQ hashes answering "which stored hashes lie within distance {@code t} of this one?"
 * without scanning them all: multi-index hashing (Norouzi, Punjani &amp; Fleet). The 256 bits are cut into 16
 * chunks of 16 bits, each with its own table from chunk value to entries. By the pigeonhole principle a stored
 * hash within distance {@code t} of the query agrees with it on at least one chunk up to {@code floor(t / 16)} bits,
 * so probing, in each chunk, the query's value and its neighbours within that radius finds every match (1 + 16
 * probes per chunk at the default {@code t = 31}); each candidate is then checked at full length.
 * <p>Hashes of quality below {@link PdqHash#MIN_QUALITY} are neither stored nor looked up: featureless images match
 * everything. Thread-safe: adds take a write lock, lookups share a read lock. An empty index holds its 16 tables of
 * 65,536 buckets (≈ 8 MB); each entry then costs 16 bucket slots, its 32 bytes of hash and its value.
 *
 * @param <T> what an entry carries (for the catalogue: the breach and sample it came from)
 */
public final class PdqIndex<T> {

    /** The number of 16-bit chunks. */
    static final int CHUNKS = 16;
    private static final int CHUNK_VALUES = 1 << 16;
    /** Beyond this the probes per chunk (all 16-bit masks within radius 3: 697) stop paying for themselves. */
    public static final int MAX_THRESHOLD = 63;

    /** Whether {@link #add} stored the hash. */
    public enum Admission {
        INDEXED,
        /** Quality below {@link PdqHash#MIN_QUALITY}: not stored. */
        LOW_QUALITY
    }

    /** One stored entry within the threshold of a query. */
    public record Match<T>(PdqHash hash, T value, int distance) {
    }

    /** The answer to a lookup. */
    public sealed interface Lookup<T> {
    }

    /** The matches within the threshold, nearest first (empty: nothing in the catalogue looks like it). */
    public record Matches<T>(List<Match<T>> matches) implements Lookup<T> {
        public Matches {
            matches = List.copyOf(matches);
        }
    }

    /** The query's quality is below {@link PdqHash#MIN_QUALITY}: no answer either way. */
    public record LowQuality<T>(int quality) implements Lookup<T> {
    }

    private final int threshold;
    private final int[] probes; // the 16-bit masks within the probe radius
    private final int radius;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private long[] words = new long[4 * 1024]; // entry e: words[4e .. 4e + 3], least significant word first
    private int[] qualities = new int[1024];
    private Object[] values = new Object[1024];
    private int size;
    private final int[][][] buckets = new int[CHUNKS][CHUNK_VALUES][];
    private final int[][] fill = new int[CHUNKS][CHUNK_VALUES];

    /** An index matching at Meta's recommended distance, {@value PdqHash#MATCH_DISTANCE}. */
    public PdqIndex() {
        this(PdqHash.MATCH_DISTANCE);
    }

    /** An index matching at distance ≤ {@code threshold}, 0–{@value #MAX_THRESHOLD}. */
    public PdqIndex(int threshold) {
        if (threshold < 0 || threshold > MAX_THRESHOLD) {
            throw new IllegalArgumentException("threshold must be 0-" + MAX_THRESHOLD);
        }
        this.threshold = threshold;
        this.radius = threshold / CHUNKS;
        this.probes = masksWithin(radius);
    }

    private static int[] masksWithin(int radius) {
        return java.util.stream.IntStream.range(0, CHUNK_VALUES).filter(m -> Integer.bitCount(m) <= radius)
                .boxed().sorted(Comparator.comparingInt(Integer::bitCount)).mapToInt(Integer::intValue).toArray();
    }

    public int threshold() {
        return threshold;
    }

    /** The number of stored entries. */
    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Stores {@code hash} with {@code value}, unless its quality is too low. The same hash may be stored again. */
    public Admission add(PdqHash hash, T value) {
        Objects.requireNonNull(value, "value");
        if (!hash.matchable()) {
            return Admission.LOW_QUALITY;
        }
        lock.writeLock().lock();
        try {
            int e = size;
            if (e == values.length) {
                int grown = e + (e >> 1);
                words = Arrays.copyOf(words, 4 * grown);
                qualities = Arrays.copyOf(qualities, grown);
                values = Arrays.copyOf(values, grown);
            }
            for (int w = 0; w < 4; w++) {
                words[4 * e + w] = hash.word(w);
            }
            qualities[e] = hash.quality();
            values[e] = value;
            for (int c = 0; c < CHUNKS; c++) {
                int v = hash.chunk16(c);
                int[] bucket = buckets[c][v];
                int n = fill[c][v];
                if (bucket == null) {
                    bucket = buckets[c][v] = new int[4];
                } else if (n == bucket.length) {
                    bucket = buckets[c][v] = Arrays.copyOf(bucket, n * 2);
                }
                bucket[n] = e;
                fill[c][v] = n + 1;
            }
            size = e + 1;
            return Admission.INDEXED;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The stored entries within the threshold of {@code query}, nearest first; nothing if its quality is too low. */
    public Lookup<T> lookup(PdqHash query) {
        if (!query.matchable()) {
            return new LowQuality<>(query.quality());
        }
        long q0 = query.word(0), q1 = query.word(1), q2 = query.word(2), q3 = query.word(3);
        int[] queryChunks = new int[CHUNKS];
        for (int c = 0; c < CHUNKS; c++) {
            queryChunks[c] = query.chunk16(c);
        }
        long[] found = new long[16]; // distance << 32 | entry: sorted, nearest first and then in the order added
        int count = 0;
        lock.readLock().lock();
        try {
            for (int c = 0; c < CHUNKS; c++) {
                for (int mask : probes) {
                    int v = queryChunks[c] ^ mask;
                    int[] bucket = buckets[c][v];
                    int n = fill[c][v];
                    for (int k = 0; k < n; k++) {
                        int e = bucket[k];
                        int base = 4 * e;
                        int d = Long.bitCount(words[base] ^ q0) + Long.bitCount(words[base + 1] ^ q1)
                                + Long.bitCount(words[base + 2] ^ q2) + Long.bitCount(words[base + 3] ^ q3);
                        if (d <= threshold && firstChunkWithin(e, c, queryChunks)) {
                            if (count == found.length) {
                                found = Arrays.copyOf(found, count * 2);
                            }
                            found[count++] = (long) d << 32 | e;
                        }
                    }
                }
            }
            Arrays.sort(found, 0, count);
            List<Match<T>> matches = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                matches.add(match((int) found[i], (int) (found[i] >>> 32)));
            }
            return new Matches<>(matches);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Whether chunk {@code c} is the first in which entry {@code e} lies within the probe radius of the query: an
     * entry is reached once per such chunk, and is reported from the first only (no set of seen entries needed).
     */
    private boolean firstChunkWithin(int e, int c, int[] queryChunks) {
        for (int earlier = 0; earlier < c; earlier++) {
            int v = (int) (words[4 * e + (earlier >>> 2)] >>> ((earlier & 3) << 4)) & 0xFFFF;
            if (Integer.bitCount(v ^ queryChunks[earlier]) <= radius) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Match<T> match(int e, int distance) {
        long[] w = {words[4 * e], words[4 * e + 1], words[4 * e + 2], words[4 * e + 3]};
        return new Match<>(PdqHash.ofWords(w, qualities[e]), (T) values[e], distance);
    }
}
