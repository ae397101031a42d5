package my.benteng.detection.internal.sigma;

import my.benteng.platform.KeyedHash;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Correlation state of one node, with a hard cap on the number of group-by keys: when it is reached, the least recently
 * used key is dropped and counted. Memory is bounded by the cap: a count key holds ten buckets and eight evidence
 * numbers (about 250 bytes with the map entry and key), a distinct-values key up to its threshold (at most
 * {@link SigmaParser#MAX_DISTINCT}) of 16-byte entries. Keys live in 16 segments with a lock each.
 *
 * <p>Distinct values are kept as 64-bit keyed hashes under a key made at start: a flood of long values costs no more
 * than short ones, and nobody can choose values that collide to hide a spray.
 */
public final class InMemoryCorrelationState implements CorrelationState {

    private static final int SEGMENTS = 16;

    private final Segment[] segments;
    private final LongAdder evictions = new LongAdder();
    private final KeyedHash memberHash;

    /**
     * @param maxKeys       hard cap on group-by keys held, over all correlation rules
     * @param memberHashKey random bytes for the keyed hash of distinct values
     */
    public InMemoryCorrelationState(int maxKeys, byte[] memberHashKey) {
        if (maxKeys < SEGMENTS) {
            throw new IllegalArgumentException("max keys must be at least " + SEGMENTS);
        }
        this.memberHash = new KeyedHash(memberHashKey);
        this.segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment(maxKeys / SEGMENTS, evictions);
        }
    }

    @Override
    public Outcome observe(Key key, String member, long atMillis, Duration window, long threshold, long[] evidence) {
        long width = Math.max(1, window.toMillis() / BUCKETS);
        long bucket = Math.floorDiv(atMillis, width);
        long hash = member == null ? 0 : ByteBuffer.wrap(memberHash.mac(member.getBytes(StandardCharsets.UTF_8))).getLong();
        Segment segment = segments[Math.floorMod(key.hashCode(), SEGMENTS)];
        synchronized (segment) {
            Slot slot = segment.get(key);
            if (slot == null) {
                slot = member == null ? new CountSlot() : new DistinctSlot();
                segment.put(key, slot);
            }
            long value = member == null ? ((CountSlot) slot).add(bucket) : ((DistinctSlot) slot).add(hash, bucket, threshold);
            slot.remember(evidence);
            if (value >= threshold) {
                segment.remove(key);
                return new Outcome(true, value, slot.evidence());
            }
            return new Outcome(false, value, Outcome.NONE);
        }
    }

    @Override
    public long keys() {
        long n = 0;
        for (Segment s : segments) {
            synchronized (s) {
                n += s.size();
            }
        }
        return n;
    }

    @Override
    public long evictions() {
        return evictions.sum();
    }

    /** Access-ordered, so the eldest entry is the least recently observed key. */
    private static final class Segment extends LinkedHashMap<Key, Slot> {
        private final int cap;
        private final transient LongAdder evictions;

        Segment(int cap, LongAdder evictions) {
            super(16, 0.75f, true);
            this.cap = cap;
            this.evictions = evictions;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Slot> eldest) {
            if (size() > cap) {
                evictions.increment();
                return true;
            }
            return false;
        }
    }

    private abstract static class Slot {
        private final long[] evidence = new long[EVIDENCE];
        private int next;
        private int held;

        void remember(long[] seqs) {
            for (long seq : seqs) {
                if (seq > 0) {
                    evidence[next] = seq;
                    next = (next + 1) % EVIDENCE;
                    held = Math.min(EVIDENCE, held + 1);
                }
            }
        }

        long[] evidence() {
            long[] out = new long[held];
            for (int i = 0; i < held; i++) {
                out[i] = evidence[Math.floorMod(next - held + i, EVIDENCE)];
            }
            return out;
        }
    }

    /** Events per bucket; a bucket slot is reused when its bucket has left the window. */
    private static final class CountSlot extends Slot {
        private final long[] buckets = new long[BUCKETS];
        private final int[] counts = new int[BUCKETS];

        CountSlot() {
            Arrays.fill(buckets, Long.MIN_VALUE);
        }

        long add(long bucket) {
            int at = (int) Math.floorMod(bucket, (long) BUCKETS);
            if (buckets[at] != bucket) {
                if (buckets[at] > bucket) {
                    return sum(bucket); // older than anything the window still holds: not counted
                }
                buckets[at] = bucket;
                counts[at] = 0;
            }
            if (counts[at] < Integer.MAX_VALUE) {
                counts[at]++;
            }
            return sum(bucket);
        }

        private long sum(long bucket) {
            long total = 0;
            for (int i = 0; i < BUCKETS; i++) {
                if (buckets[i] > bucket - BUCKETS && buckets[i] <= bucket) {
                    total += counts[i];
                }
            }
            return total;
        }
    }

    /**
     * The most recently seen distinct values, at most the threshold many: when there are that many within the window,
     * the most recent ones are all within it, so keeping only them is exact.
     */
    private static final class DistinctSlot extends Slot {
        private long[] members = new long[2];
        private long[] lastBucket = new long[2];
        private int size;

        long add(long member, long bucket, long threshold) {
            int found = -1;
            for (int i = 0; i < size; i++) {
                if (members[i] == member) {
                    found = i;
                    break;
                }
            }
            if (found >= 0) {
                lastBucket[found] = Math.max(lastBucket[found], bucket);
            } else if (size < threshold) {
                if (size == members.length) {
                    int grown = (int) Math.min(threshold, members.length * 2L);
                    members = Arrays.copyOf(members, grown);
                    lastBucket = Arrays.copyOf(lastBucket, grown);
                }
                members[size] = member;
                lastBucket[size] = bucket;
                size++;
            } else {
                int oldest = 0;
                for (int i = 1; i < size; i++) {
                    if (lastBucket[i] < lastBucket[oldest]) {
                        oldest = i;
                    }
                }
                if (lastBucket[oldest] <= bucket) {
                    members[oldest] = member;
                    lastBucket[oldest] = bucket;
                }
            }
            long distinct = 0;
            for (int i = 0; i < size; i++) {
                if (lastBucket[i] > bucket - BUCKETS && lastBucket[i] <= bucket) {
                    distinct++;
                }
            }
            return distinct;
        }
    }
}
