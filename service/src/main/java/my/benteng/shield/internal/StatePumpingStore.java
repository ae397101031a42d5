package my.benteng.shield.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pumping records in the shield's own store (the database on the embedded default, Redis when configured):
 * {@code level:<scope>} = {@code LEVEL:sinceMillis} for each raised scope, {@code baseline} = 24 expected ratios then
 * 24 learned-at times. A store that does not answer costs a record, not a code: it is logged and the signal carries
 * on in memory (codes themselves still fail closed in the state step).
 */
final class StatePumpingStore implements PumpingStore {

    private static final Logger log = LoggerFactory.getLogger(StatePumpingStore.class);
    /** The baseline moves by at most a step per five minutes and hour; writing it once a minute loses nothing that matters. */
    private static final long BASELINE_EVERY_MILLIS = 60_000;
    private static final String LEVEL = "level:";
    private static final String BASELINE = "baseline";
    private static final String BLOCK = "block:";

    private final ShieldState state;
    private final AtomicLong baselineWritten = new AtomicLong(Long.MIN_VALUE / 2);

    StatePumpingStore(ShieldState state) {
        this.state = state;
    }

    @Override
    public void saveLevel(String scope, PumpingLevel level, long since) {
        try {
            state.putPumpingRecord(LEVEL + scope, level == PumpingLevel.NORMAL ? null : level.name() + ":" + since, since);
        } catch (ShieldStateUnavailableException e) {
            log.warn("a pumping level could not be stored; it is re-learned from the counters after a restart");
        }
    }

    @Override
    public Map<String, StoredLevel> levels() {
        Map<String, StoredLevel> levels = new HashMap<>();
        records().forEach((name, value) -> {
            if (name.startsWith(LEVEL)) {
                int colon = value.indexOf(':');
                try {
                    PumpingLevel level = PumpingLevel.valueOf(value.substring(0, Math.max(0, colon)).toUpperCase(Locale.ROOT));
                    levels.put(name.substring(LEVEL.length()), new StoredLevel(level, Long.parseLong(value.substring(colon + 1))));
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    log.warn("an unreadable pumping level record was ignored");
                }
            }
        });
        return levels;
    }

    @Override
    public void saveBlock(String prefix, long untilMillis, long now) {
        try {
            // expired blocks are dropped as new ones come, so the records stay as few as the prefixes blocked now
            for (String expired : expiredBlocks(now)) {
                state.putPumpingRecord(expired, null, now);
            }
            state.putPumpingRecord(BLOCK + prefix, Long.toString(untilMillis), now);
        } catch (ShieldStateUnavailableException e) {
            log.warn("a prefix block could not be recorded for the operator's view; the block itself stands");
        }
    }

    @Override
    public Map<String, Long> blocks(long now) {
        Map<String, Long> blocks = new java.util.TreeMap<>();
        records().forEach((name, value) -> {
            if (name.startsWith(BLOCK)) {
                try {
                    long until = Long.parseLong(value);
                    if (until > now) {
                        blocks.put(name.substring(BLOCK.length()), until);
                    }
                } catch (NumberFormatException e) {
                    log.warn("an unreadable prefix block record was ignored");
                }
            }
        });
        return blocks;
    }

    private java.util.List<String> expiredBlocks(long now) {
        java.util.List<String> expired = new java.util.ArrayList<>();
        state.pumpingRecords().forEach((name, value) -> {
            if (name.startsWith(BLOCK)) {
                try {
                    if (Long.parseLong(value) <= now) {
                        expired.add(name);
                    }
                } catch (NumberFormatException e) {
                    expired.add(name);
                }
            }
        });
        return expired;
    }

    @Override
    public void saveBaselineOccasionally(PumpingBaseline baseline, long now) {
        long last = baselineWritten.get();
        if (now - last < BASELINE_EVERY_MILLIS || !baselineWritten.compareAndSet(last, now)) {
            return;
        }
        StringBuilder value = new StringBuilder();
        for (double e : baseline.expected()) {
            value.append(e).append(',');
        }
        for (long t : baseline.learnedAt()) {
            value.append(t).append(',');
        }
        try {
            state.putPumpingRecord(BASELINE, value.substring(0, value.length() - 1), now);
        } catch (ShieldStateUnavailableException e) {
            log.warn("the pumping baseline could not be stored; the last stored one stays");
        }
    }

    @Override
    public Optional<double[][]> baseline() {
        String value = records().get(BASELINE);
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(",");
        if (parts.length != 2 * PumpingBaseline.HOURS) {
            return Optional.empty();
        }
        double[][] stored = new double[2][PumpingBaseline.HOURS];
        try {
            for (int h = 0; h < PumpingBaseline.HOURS; h++) {
                stored[0][h] = Double.parseDouble(parts[h]);
                stored[1][h] = Long.parseLong(parts[PumpingBaseline.HOURS + h]);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(stored);
    }

    private Map<String, String> records() {
        try {
            return state.pumpingRecords();
        } catch (ShieldStateUnavailableException e) {
            log.warn("the pumping records could not be read; the signal starts from its prior");
            return Map.of();
        }
    }

    /** A signal with the stored baseline and levels (or the prior and NORMAL where nothing is stored). */
    static PumpingSignal restore(PumpingStore store, my.benteng.shield.ShieldProperties properties) {
        PumpingBaseline baseline = store.baseline().map(b -> {
            long[] learnedAt = new long[PumpingBaseline.HOURS];
            for (int h = 0; h < PumpingBaseline.HOURS; h++) {
                learnedAt[h] = (long) b[1][h];
            }
            return PumpingBaseline.of(b[0], learnedAt, properties.pumping());
        }).orElseGet(() -> PumpingBaseline.prior(properties.pumping().priorBaseline()));
        PumpingSignal signal = new PumpingSignal(properties.pumping(), properties.zone(), baseline);
        store.levels().forEach((scope, stored) -> signal.restore(scope, stored.level(), stored.since()));
        return signal;
    }
}
