package my.benteng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The national MySejahtera figures that size synthetic workloads ({@code ../shared/data/mysejahtera/}), and the
 * percentile summary the scale benchmarks print.
 */
final class NationalData {

    /** The peak day (4 Dec 2021), used when the data directory cannot be read. */
    static final long PEAK_CHECKINS = 34_500_000L;
    static final long PEAK_PEOPLE = 11_500_000L;
    static final long PEAK_PREMISES = 767_000L;

    private NationalData() {
    }

    /** {@code given}, else the first existing of the usual places seen from the worktree or the bench module. */
    static Path directory(String given) {
        if (given != null) {
            return Path.of(given);
        }
        return Stream.of("../shared/data/mysejahtera", "../../shared/data/mysejahtera", "/work/shared/data/mysejahtera")
                .map(Path::of).filter(Files::isDirectory).findFirst().orElse(Path.of("../shared/data/mysejahtera"));
    }

    /**
     * The 48 half-hour check-in counts (Kuala Lumpur time) of the busiest day in {@code checkin_malaysia_time.csv};
     * a flat daytime profile when the file cannot be read.
     */
    static double[] busiestDayProfile(Path directory) {
        try (Stream<String> lines = Files.lines(directory.resolve("checkin_malaysia_time.csv"))) {
            return lines.skip(1).map(l -> l.split(",")).filter(f -> f.length == 49)
                    .map(f -> Stream.of(f).skip(1).mapToDouble(Double::parseDouble).toArray())
                    .max((a, b) -> Double.compare(sum(a), sum(b))).orElseThrow();
        } catch (IOException | RuntimeException e) {
            double[] flat = new double[48];
            for (int k = 14; k < 44; k++) {
                flat[k] = 1;
            }
            return flat;
        }
    }

    static double sum(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s;
    }

    /** The index of the largest weight. */
    static int busiest(double[] weights) {
        int best = 0;
        for (int k = 1; k < weights.length; k++) {
            best = weights[k] > weights[best] ? k : best;
        }
        return best;
    }

    /** Count, the given quantiles (as {@code p50}, {@code p95}, ...) and max of durations in nanoseconds, in ms. */
    static Map<String, Object> summary(List<Long> nanos, int... percents) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", sorted.size());
        for (int p : percents) {
            m.put("p" + p, sorted.isEmpty() ? 0 : AttackReplay.round(sorted.get((int) Math.floor(p / 100.0 * (sorted.size() - 1))) / 1e6));
        }
        m.put("max", sorted.isEmpty() ? 0 : AttackReplay.round(sorted.getLast() / 1e6));
        return m;
    }
}
