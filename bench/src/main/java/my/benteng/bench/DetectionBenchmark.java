package my.benteng.bench;

import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.detection.internal.AuditEventMapper;
import my.benteng.detection.internal.RuleFiles;
import my.benteng.detection.internal.sigma.InMemoryCorrelationState;
import my.benteng.detection.internal.sigma.RuleSet;
import tools.jackson.databind.json.JsonMapper;

import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What detection costs. Two parts:
 * <ol>
 *   <li><b>append</b>: the audit append on two embedded nodes in this JVM, one with the rules off
 *       ({@code benteng.detection.rules.enabled=false}, the baseline) and one with all shipped rules, paired rounds
 *       A, B, B, A; batches of {@code --batch} entries (the shield's refusal writer) and single appends (the request
 *       path). The match log is silenced on both (it is a placeholder for the alert book).</li>
 *   <li><b>flood</b>: {@code --events} mapped audit entries over {@code --keys} distinct group-by values through all
 *       shipped rules, without a database: events per second, against building the same entries alone, and the heap the
 *       correlation state holds afterwards (cap 100,000 keys).</li>
 * </ol>
 *
 * <pre>java -jar bench/target/benteng-bench.jar detection [--appends=20480] [--batch=256] [--rounds=2] [--events=1000000] [--keys=100000]</pre>
 */
public final class DetectionBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private DetectionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = AttackReplay.options(args);
        int appends = Integer.parseInt(o.getOrDefault("appends", "20480"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "256"));
        int rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
        int events = Integer.parseInt(o.getOrDefault("events", "1000000"));
        int keys = Integer.parseInt(o.getOrDefault("keys", "100000"));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "detection");
        result.put("cores", Runtime.getRuntime().availableProcessors());
        result.put("append", append(appends, batch, rounds, keys));
        result.put("flood", flood(events, keys));
        System.out.println(JSON.writeValueAsString(result));
        System.exit(0);
    }

    /** The mix an attack produces: refusals tagged T1621 for many numbers, staff sign-in failures for many names. */
    static AuditEvent entry(int i, int keys) {
        int k = i % keys;
        return switch (i % 4) {
            case 0 -> AuditEvent.named("excess_rate_limit_exceeded").outcome(AuditOutcome.DENIED).subject("+6012*****" + k)
                    .clientIp("198.51.100." + (k % 250)).reason("shield.destination.hourly_cap").attack("T1621")
                    .detail("channel", "SMS").detail("purpose", "LOGIN").build();
            case 1 -> AuditEvent.named("authn_login_fail").outcome(AuditOutcome.FAILURE).subject("staff-username:k" + k)
                    .clientIp("203.0.113." + (k % 250)).reason("account.staff.unknown_user").attack("T1110").build();
            case 2 -> AuditEvent.named("shield_code_allowed").subject("+6013*****" + k).clientIp("198.51.100." + (k % 250))
                    .reason("shield.allow").detail("channel", "SMS").detail("purpose", "LOGIN").build();
            default -> AuditEvent.named("sensitive_read").actor("relying-party:rp" + (k % 1000)).subject("ekyc-image:i" + i)
                    .clientIp("192.0.2." + (k % 250)).reason("ekyc.image.rendition").build();
        };
    }

    private static Map<String, Object> append(int appends, int batch, int rounds, int keys) throws Exception {
        Map<String, String> quiet = Map.of("logging.level.detection", "ERROR");
        Map<String, String> off = new LinkedHashMap<>(quiet);
        off.put("benteng.detection.rules.enabled", "false");
        try (SmsStub stub = new SmsStub("bench-token-" + Long.toHexString(new SecureRandom().nextLong()));
             BenchService a = BenchService.start("embedded", stub, off);
             BenchService b = BenchService.start("embedded", stub, quiet)) {
            AuditLog baseline = a.context.getBean(AuditLog.class);
            AuditLog detecting = b.context.getBean(AuditLog.class);
            int[] counter = {0};
            // warm both
            run(baseline, appends / 4, batch, keys, counter);
            run(detecting, appends / 4, batch, keys, counter);
            List<double[]> aRuns = new ArrayList<>();
            List<double[]> bRuns = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                aRuns.add(run(baseline, appends, batch, keys, counter));
                bRuns.add(run(detecting, appends, batch, keys, counter));
                bRuns.add(run(detecting, appends, batch, keys, counter));
                aRuns.add(run(baseline, appends, batch, keys, counter));
            }
            double aBatch = median(aRuns, 0), bBatch = median(bRuns, 0), aSingle = median(aRuns, 1), bSingle = median(bRuns, 1);
            System.err.printf(Locale.ROOT, "append   batched: %.1f us/entry without detection, %.1f with (x%.2f)%n", aBatch, bBatch, bBatch / aBatch);
            System.err.printf(Locale.ROOT, "append   single:  %.1f us/entry without detection, %.1f with (x%.2f)%n", aSingle, bSingle, bSingle / aSingle);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("batch", batch);
            out.put("entriesPerRound", appends);
            out.put("batchedMicrosPerEntryWithout", round(aBatch));
            out.put("batchedMicrosPerEntryWith", round(bBatch));
            out.put("batchedRatio", round(bBatch / aBatch));
            out.put("singleMicrosPerEntryWithout", round(aSingle));
            out.put("singleMicrosPerEntryWith", round(bSingle));
            out.put("singleRatio", round(bSingle / aSingle));
            return out;
        }
    }

    /** One round: {@code appends} entries in batches, then a tenth as many single appends; µs per entry for each. */
    private static double[] run(AuditLog log, int appends, int batch, int keys, int[] counter) {
        long start = System.nanoTime();
        for (int done = 0; done < appends; done += batch) {
            List<AuditEvent> list = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                list.add(entry(counter[0]++, keys));
            }
            log.recordAll(list);
        }
        double batched = (System.nanoTime() - start) / 1e3 / appends;
        int singles = Math.max(1, appends / 10);
        start = System.nanoTime();
        for (int i = 0; i < singles; i++) {
            log.record(entry(counter[0]++, keys));
        }
        double single = (System.nanoTime() - start) / 1e3 / singles;
        return new double[]{batched, single};
    }

    private static Map<String, Object> flood(int events, int keys) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        InMemoryCorrelationState state = new InMemoryCorrelationState(100_000, key);
        RuleSet rules = RuleFiles.load(RuleFiles.LOCATION, state);
        long heapBefore = usedHeapAfterGc();
        // baseline: building the same entries and nothing else
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            sink += entry(i, keys).details().size();
        }
        double buildSeconds = (System.nanoTime() - start) / 1e9;
        long matches = 0;
        start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            matches += rules.evaluate(AuditEventMapper.map(i + 1L, T0.plusMillis(i), entry(i, keys))).size();
        }
        double detectSeconds = (System.nanoTime() - start) / 1e9;
        long heapAfter = usedHeapAfterGc();
        double perEventMicros = (detectSeconds - buildSeconds) * 1e6 / events;
        System.err.printf(Locale.ROOT, "flood    %d entries, %d keys: %.0f entries/s through the detector (%.2f us each beyond building them), "
                        + "%d matches, %d keys held, %d evicted, %.1f MB retained%n", events, keys, events / detectSeconds, perEventMicros,
                matches, state.keys(), state.evictions(), (heapAfter - heapBefore) / 1e6);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("events", events);
        out.put("distinctKeys", keys);
        out.put("entriesPerSecondBuildOnly", Math.round(events / buildSeconds));
        out.put("entriesPerSecondThroughDetector", Math.round(events / detectSeconds));
        out.put("microsPerEntryForDetection", round(perEventMicros));
        out.put("matches", matches);
        out.put("keysHeld", state.keys());
        out.put("keysEvicted", state.evictions());
        out.put("retainedMegabytes", round((heapAfter - heapBefore) / 1e6));
        out.put("checksum", sink);
        return out;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double median(List<double[]> runs, int index) {
        double[] v = runs.stream().mapToDouble(r -> r[index]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
