package my.benteng.bench;

import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the shield costs per request: requests per second of {@code POST /api/v1/otp/requests} when it is
 * rejected (428: no proof of work; 429: valid proof of work, refused by the per-destination state) and when
 * it is accepted (202: a code is stored, an SMS queued and sent to the stub), against bare endpoints of the
 * same service in the same run, at a fixed concurrency over keep-alive connections from loopback addresses.
 *
 * <p>The primary bare baseline is the same POST with a destination that fails parsing (422): the same URL,
 * security filter chain, JSON body, bean validation, controller and problem rendering, only without the
 * shield and the code store behind them — so the ratio isolates what the shield adds. The liveness probe is
 * reported as the cheapest endpoint of the service. Each round runs every phase once, in the same order;
 * the first rounds are warm-up; the figure is the median of the measured rounds.
 */
public final class ShieldThroughput {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String REQUESTS = "/api/v1/otp/requests";

    private final int concurrency;
    private final long millis;
    private final int rounds;
    private final int warmup;
    private final int accepted;
    private final int limitedSolutions;
    /** What a call answers when it has no pre-solved work left. */
    private static final String EXHAUSTED = "exhausted";
    private final Random random = new Random(20261122); // seeded: the same request mix every run (a workload, not a secret)

    private ShieldThroughput(Map<String, String> o) {
        concurrency = Integer.parseInt(o.getOrDefault("concurrency", "32"));
        millis = Long.parseLong(o.getOrDefault("seconds", "10")) * 1000;
        rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        warmup = Integer.parseInt(o.getOrDefault("warmup", "1"));
        accepted = Integer.parseInt(o.getOrDefault("accepted", "1200"));
        limitedSolutions = Integer.parseInt(o.getOrDefault("limited-solutions", "40000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = AttackReplay.options(args);
        ShieldThroughput t = new ShieldThroughput(o);
        List<Map<String, Object>> all = new ArrayList<>();
        for (String mode : Arrays.asList(o.getOrDefault("modes", "embedded,scaleout").split(","))) {
            Map<String, String> extra = new LinkedHashMap<>();
            // what a request costs does not depend on the difficulty (one hash and one HMAC to verify), but the
            // bench must solve tens of thousands of challenges; and it measures cost, not detection, so the
            // conversion monitor must not block the random prefixes of the accepted phase
            extra.put("benteng.shield.pow-low-difficulty", "1000");
            extra.put("benteng.shield.conversion-min-sample", "1000000");
            // the same work at any hour: in quiet hours (00:00-06:00 Kuala Lumpur) every first contact would be asked
            // for the high difficulty, and the pre-solved low-difficulty work would be refused
            extra.put("benteng.shield.quiet-hours-start-hour", "0");
            extra.put("benteng.shield.quiet-hours-end-hour", "0");
            o.forEach((k, v) -> {
                if (k.startsWith("benteng.")) {
                    extra.put(k, v);
                }
            });
            all.add(t.mode(mode, extra));
        }
        System.out.println();
        System.out.println(JSON.writeValueAsString(Map.of("benchmark", "shield-throughput", "concurrency", t.concurrency,
                "secondsPerPhase", t.millis / 1000, "rounds", t.rounds, "warmup", t.warmup, "cores",
                Runtime.getRuntime().availableProcessors(), "java", Runtime.version().toString(), "results", all)));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s %-22s %12s %16s %18s %12s%n", "mode", "phase", "median req/s", "vs bare POST 422",
                "paired (median)", "vs liveness");
        for (Map<String, Object> m : all) {
            @SuppressWarnings("unchecked") Map<String, Map<String, Object>> phases = (Map<String, Map<String, Object>>) m.get("phases");
            phases.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-9s %-22s %12s %16s %18s %12s%n", m.get("mode"), k, v.get("median"),
                    v.get("vsBare422"), v.get("vsBare422PairedMedian"), v.get("vsLiveness")));
        }
        System.exit(0);
    }

    private Map<String, Object> mode(String mode, Map<String, String> extra) throws Exception {
        System.err.println("== shield throughput: " + mode);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> unexpected = new LinkedHashMap<>();
        try (SmsStub stub = new SmsStub("bench-token-" + Long.toHexString(random.nextLong()));
             BenchService service = BenchService.start(mode, stub, extra)) {
            String loadAtStart = loadAverage();
            List<String> numbers = new ArrayList<>();
            while (numbers.size() < 20_000) {
                numbers.add(AttackReplay.randomMobile(random));
            }
            for (int round = 0; round < warmup + rounds; round++) {
                boolean measured = round >= warmup;
                int r = round;
                Map<String, Double> got = new LinkedHashMap<>();
                got.put("bare_liveness_get", timed(service, r, "liveness", unexpected, (http, w, i) -> {
                    MiniHttp.Response x = http.get("/actuator/health/liveness");
                    return x.status() == 200 ? null : Integer.toString(x.status());
                }));
                got.put("bare_post_422", timed(service, r, "bare", unexpected, (http, w, i) -> {
                    MiniHttp.Response x = http.post(REQUESTS, AttackReplay.codeRequest("+6000000000", "SIGN_UP", null));
                    return x.status() == 422 ? null : Integer.toString(x.status());
                }));
                got.put("rejected_428_no_pow", timed(service, r, "nopow", unexpected, (http, w, i) -> {
                    String n = numbers.get(Math.floorMod(w * 7919 + i, 10_000)); // never asked for a code: the cooldown does not answer
                    MiniHttp.Response x = http.post(REQUESTS, AttackReplay.codeRequest(n, "SIGN_UP", null));
                    return x.status() == 428 ? null : Integer.toString(x.status());
                }));
                // 429: a number that just got its first code, asked again (other purpose, so the otp resend
                // cooldown does not answer first), each time with a fresh valid solution (a refusal spends it)
                List<String> victims = new ArrayList<>();
                for (int w = 0; w < concurrency; w++) {
                    try (MiniHttp seeder = new MiniHttp(InetAddress.getByAddress(new byte[] {127, 70, (byte) r, (byte) (1 + w)}), service.address)) {
                        String victim = AttackReplay.randomMobile(random);
                        MiniHttp.Response x = seeder.post(REQUESTS, AttackReplay.codeRequest(victim, "SIGN_UP", solve(seeder)));
                        if (x.status() != 202) {
                            throw new IllegalStateException("seeding a victim: " + x.status() + " " + x.body());
                        }
                        victims.add(victim);
                    }
                }
                List<String> fresh = presolve(service, new byte[] {127, 72, (byte) r, 1}, limitedSolutions);
                AtomicInteger nextSolution = new AtomicInteger();
                got.put("rejected_429_limited", timed(service, r, "limited", unexpected, (http, w, i) -> {
                    int k = nextSolution.getAndIncrement();
                    if (k >= fresh.size()) {
                        return EXHAUSTED;
                    }
                    MiniHttp.Response x = http.post(REQUESTS, AttackReplay.codeRequest(victims.get(w), "LOGIN", fresh.get(k)));
                    return x.status() == 429 ? null : Integer.toString(x.status());
                }));
                got.put("accepted_202", acceptedPhase(service, r, numbers, unexpected));
                System.err.printf(Locale.ROOT, "%s round %d%s: %s%n", mode, round, measured ? "" : " (warm-up)", got);
                if (measured) {
                    got.forEach((k, v) -> rates.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                }
            }
            Thread.sleep(3000);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("mode", mode);
            out.put("loadAverageAtStart", loadAtStart);
            out.put("loadAverageAtEnd", loadAverage());
            double bare = median(rates.get("bare_post_422"));
            double live = median(rates.get("bare_liveness_get"));
            Map<String, Object> phases = new LinkedHashMap<>();
            List<Double> bareRounds = rates.get("bare_post_422");
            rates.forEach((k, v) -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("median", AttackReplay.round(median(v)));
                p.put("vsBare422", AttackReplay.round(median(v) / bare));
                // the machine's load drifts between rounds: the ratio within each round, then its median, is steadier
                List<Double> paired = new ArrayList<>();
                for (int i = 0; i < v.size(); i++) {
                    paired.add(v.get(i) / bareRounds.get(i));
                }
                p.put("vsBare422PairedMedian", AttackReplay.round(median(paired)));
                p.put("vsLiveness", AttackReplay.round(median(v) / live));
                p.put("rounds", v.stream().map(AttackReplay::round).toList());
                phases.put(k, p);
            });
            out.put("phases", phases);
            out.put("unexpectedStatuses", unexpected);
            out.put("smsAtStub", stub.received());
            return out;
        }
    }

    private String solve(MiniHttp http) throws Exception {
        return Pow.solve(JSON.readTree(http.get("/api/v1/pow/challenge").body())).payload();
    }

    @FunctionalInterface
    private interface Call {
        /** null when the status was the expected one, else the status. */
        String call(MiniHttp http, int worker, int i) throws Exception;
    }

    /** {@code concurrency} keep-alive connections (each from its own address) calling for a fixed time; requests per second. */
    private double timed(BenchService service, int round, String phase, Map<String, Map<String, Integer>> unexpected, Call call)
            throws Exception {
        AtomicInteger done = new AtomicInteger();
        Map<String, Integer> bad = unexpected.computeIfAbsent(phase, k -> new ConcurrentHashMap<>());
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        java.util.concurrent.atomic.AtomicLong exhaustedAt = new java.util.concurrent.atomic.AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    try (MiniHttp http = new MiniHttp(InetAddress.getByAddress(new byte[] {127, 80, (byte) worker, (byte) (1 + round)}),
                            service.address)) {
                        for (int i = 0; System.nanoTime() < end; i++) {
                            String status = call.call(http, worker, i);
                            if (status == EXHAUSTED) {
                                // out of pre-solved work: this phase ends here; its rate is over the time it ran
                                exhaustedAt.accumulateAndGet(System.nanoTime(), Math::max);
                                break;
                            }
                            done.incrementAndGet();
                            if (status != null) {
                                bad.merge(status, 1, Integer::sum);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        long stoppedAt = exhaustedAt.get() > 0 ? exhaustedAt.get() : System.nanoTime();
        if (exhaustedAt.get() > 0) {
            bad.merge("phase-cut-short-no-solutions-left", 1, Integer::sum);
        }
        return done.get() / ((stoppedAt - start) / 1e9);
    }

    /** {@code accepted} requests with pre-solved proofs of work to fresh numbers, 20 per source address (its bucket). */
    private double acceptedPhase(BenchService service, int round, List<String> numbers, Map<String, Map<String, Integer>> unexpected)
            throws Exception {
        List<String> solutions = presolve(service, new byte[] {127, 71, (byte) round, 1}, accepted);
        Map<String, Integer> bad = unexpected.computeIfAbsent("accepted", k -> new ConcurrentHashMap<>());
        AtomicInteger nextChunk = new AtomicInteger();
        int chunks = (accepted + 19) / 20;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                futures.add(pool.submit(() -> {
                    for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
                        // 10 addresses per /24: 10 x 20 codes = the subnet bucket's 200
                        byte[] a = {127, (byte) (90 + round), (byte) (c / 10), (byte) (1 + c % 10)};
                        try (MiniHttp http = new MiniHttp(InetAddress.getByAddress(a), service.address)) {
                            for (int i = c * 20; i < Math.min(accepted, c * 20 + 20); i++) {
                                String n = numbers.get(10_000 + (round * accepted + i) % 10_000);
                                MiniHttp.Response x = http.post(REQUESTS, AttackReplay.codeRequest(n, "SIGN_UP", solutions.get(i)));
                                if (x.status() != 202) {
                                    bad.merge(Integer.toString(x.status()), 1, Integer::sum);
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return accepted / ((System.nanoTime() - start) / 1e9);
    }

    /** {@code count} solved challenges fetched from the service (each spent by the request that carries it). */
    private static List<String> presolve(BenchService service, byte[] address, int count) throws Exception {
        List<String> solutions = new ArrayList<>(count);
        try (MiniHttp http = new MiniHttp(InetAddress.getByAddress(address), service.address);
             ExecutorService solvers = Executors.newFixedThreadPool(2)) {
            List<String> challenges = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                challenges.add(http.get("/api/v1/pow/challenge").body());
            }
            List<Future<String>> solved = new ArrayList<>();
            for (String c : challenges) {
                solved.add(solvers.submit(() -> Pow.solve(JSON.readTree(c)).payload()));
            }
            for (Future<String> f : solved) {
                solutions.add(f.get());
            }
        }
        return solutions;
    }

    /** The machine is shared: other work running at the same time shows here. */
    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
