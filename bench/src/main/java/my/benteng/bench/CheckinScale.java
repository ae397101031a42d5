package my.benteng.bench;

import my.benteng.account.AccountPrincipal;
import my.benteng.account.AccountRef;
import my.benteng.account.Citizen;
import my.benteng.account.Citizens;
import my.benteng.account.Purpose;
import my.benteng.account.Sessions;
import my.benteng.account.VerifiedContact;
import my.benteng.checkin.Visit;
import my.benteng.checkin.Visits;
import my.benteng.platform.Contact;
import my.benteng.platform.PhoneNumber;
import my.benteng.premises.PremisesId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Check-in at scale (issue 4), on the embedded default and on scale-out, each in one run:
 * <ol>
 *   <li><b>Ingest</b>: {@code POST /api/v1/checkins} over keep-alive connections with citizen sessions and real QR
 *       tokens (MAC verified, premises read, repeat-window check, insert through the group-commit writer, committed
 *       before the answer); requests/s and p50/p99 latency, median of the measured rounds. <b>Baselines in the same
 *       rounds</b>, same client and connections: a bare {@code GET /actuator/health/liveness} (the HTTP ceiling) and an
 *       authenticated {@code GET /api/v1/me/risk-status}.</li>
 *   <li><b>Ceiling</b>: the database's own bulk-insert rate into the same {@code checkin} table (multi-row INSERTs of
 *       500 rows, 10,000 rows per transaction, through the service's pool); the synthetic day it loads is also the
 *       tracing data set. Ingest is reported as a share of it.</li>
 *   <li><b>Tracing</b>: the contact search of one case (the reads {@code TracingService} makes: the case's visits,
 *       then every overlapping stay at each premises) through the {@link Visits} API, p50/p95 over random cases and
 *       over a "shopping mall" case (a premises with 20,000 check-ins that day, the case there at the busiest
 *       half-hour); baseline in the same run: a primary-key read of one check-in.</li>
 * </ol>
 * The synthetic day is sized from {@code ../shared/data/mysejahtera/}: the peak day's check-ins per premises and per
 * person, and its half-hour profile (Kuala Lumpur time), scaled to {@code --rows}.
 */
public final class CheckinScale {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId KL = ZoneId.of("Asia/Kuala_Lumpur");
    // the peak day of the national data (4 Dec 2021), used when the data directory cannot be read
    private static final long PEAK_CHECKINS = 34_500_000L;
    private static final long PEAK_PEOPLE = 11_500_000L;
    private static final long PEAK_PREMISES = 767_000L;
    private static final int MALL_CHECKINS = 20_000;
    private static final Duration ASSUMED = Duration.ofHours(1);
    private static final Duration LONGEST = Duration.ofHours(12);
    private static final Duration BUFFER = Duration.ofMinutes(15);

    private final int premisesCount;
    private final int citizenCount;
    private final int concurrency;
    private final long millis;
    private final int rounds;
    private final int warmup;
    private final int rows;
    private final int cases;
    private final int mallRepeats;
    private final Path data;
    private final boolean skipTracing;
    private final int pool;
    private final String client;
    private final int wrkThreads;
    private final List<Double> paced;
    private final Map<String, String> serviceProperties = new LinkedHashMap<>();
    private final Random random = new Random(20261122); // seeded: the same workload every run (a workload, not a secret)

    private CheckinScale(Map<String, String> o) {
        premisesCount = Integer.parseInt(o.getOrDefault("premises", "20"));
        citizenCount = Integer.parseInt(o.getOrDefault("citizens", "2000"));
        concurrency = Integer.parseInt(o.getOrDefault("concurrency", "32"));
        millis = Long.parseLong(o.getOrDefault("seconds", "8")) * 1000;
        rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        warmup = Integer.parseInt(o.getOrDefault("warmup", "1"));
        rows = Integer.parseInt(o.getOrDefault("rows", "1000000"));
        cases = Integer.parseInt(o.getOrDefault("cases", "200"));
        mallRepeats = Integer.parseInt(o.getOrDefault("mall-repeats", "50"));
        data = dataDirectory(o.get("data"));
        skipTracing = Boolean.parseBoolean(o.getOrDefault("skip-tracing", "false"));
        pool = Integer.parseInt(o.getOrDefault("pool", "0"));
        client = o.getOrDefault("client", WrkClient.available() ? "wrk" : "java");
        if (!client.equals("wrk") && !client.equals("java")) {
            throw new IllegalArgumentException("--client=wrk|java");
        }
        wrkThreads = Integer.parseInt(o.getOrDefault("wrk-threads", "2"));
        // --set.<property>=<value>: a service property for this run (experiments: pool size, Tomcat settings)
        o.forEach((k, v) -> {
            if (k.startsWith("set.")) {
                serviceProperties.put(k.substring(4), v);
            }
        });
        paced = Arrays.stream(o.getOrDefault("paced", "0.5,0.8").split(",")).filter(x -> !x.isBlank()).map(Double::parseDouble).toList();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = AttackReplay.options(args);
        if (Arrays.asList(args).contains("--skip-tracing")) {
            o.put("skip-tracing", "true");
        }
        CheckinScale bench = new CheckinScale(o);
        List<Map<String, Object>> all = new ArrayList<>();
        for (String mode : Arrays.asList(o.getOrDefault("modes", "embedded,scaleout").split(","))) {
            all.add(bench.mode(mode));
        }
        System.out.println();
        System.out.println(JSON.writeValueAsString(Map.of("benchmark", "checkin-scale", "cores", Runtime.getRuntime().availableProcessors(),
                "java", Runtime.version().toString(), "client", bench.client, "concurrency", bench.concurrency, "secondsPerRound", bench.millis / 1000,
                "rounds", bench.rounds, "warmup", bench.warmup, "serviceProperties", bench.serviceProperties, "results", all)));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s %10s %14s %11s %14s %11s %14s %12s %7s %7s %7s %16s %16s%n", "mode", "ingest/s",
                "p50/p99 ms", "liveness/s", "p50/p99 ms", "authGET/s", "p50/p99 ms", "bulk rows/s", "/bulk", "/auth", "/live",
                "case p50/p95 ms", "mall p50/p95 ms");
        for (Map<String, Object> m : all) {
            @SuppressWarnings("unchecked") Map<String, Object> in = (Map<String, Object>) m.get("ingest");
            @SuppressWarnings("unchecked") Map<String, Object> live = (Map<String, Object>) m.get("bareHttpLiveness");
            @SuppressWarnings("unchecked") Map<String, Object> auth = (Map<String, Object>) m.get("authenticatedGet");
            @SuppressWarnings("unchecked") Map<String, Object> tr = (Map<String, Object>) m.getOrDefault("tracing", Map.of());
            System.out.printf(Locale.ROOT, "%-9s %10s %14s %11s %14s %11s %14s %12s %7s %7s %7s %16s %16s%n", m.get("mode"),
                    in.get("medianPerSecond"), latency(in), live.get("medianPerSecond"), latency(live), auth.get("medianPerSecond"),
                    latency(auth), m.get("bulkInsertRowsPerSecond"), m.get("ingestShareOfBulk"), m.get("ingestShareOfAuthenticatedGet"),
                    m.get("ingestShareOfLiveness"), percentiles(tr.get("randomCaseMs"), "p95"), percentiles(tr.get("mallCaseMs"), "p95"));
        }
        for (Map<String, Object> m : all) {
            if (m.get("ingestPaced") instanceof List<?> rounds) {
                for (Object x : rounds) {
                    @SuppressWarnings("unchecked") Map<String, Object> r = (Map<String, Object>) x;
                    System.out.printf(Locale.ROOT, "%-9s ingest paced to %s/s: %s/s, %s ms%n", m.get("mode"), r.get("targetPerSecond"),
                            r.get("perSecond"), latency(r));
                }
            }
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static String latency(Map<String, Object> kind) {
        Map<String, Object> lat = (Map<String, Object>) kind.get("latencyMs");
        return lat.get("p50") + "/" + lat.get("p99");
    }

    @SuppressWarnings("unchecked")
    private static String percentiles(Object ms, String high) {
        return ms instanceof Map<?, ?> m ? ((Map<String, Object>) m).get("p50") + "/" + ((Map<String, Object>) m).get(high) : "-";
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mode(String mode) throws Exception {
        System.err.println("== checkin-scale: " + mode);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        try (SmsStub stub = new SmsStub("bench-token-" + Long.toHexString(random.nextLong()));
             // the set-up registers premises with never-seen numbers: without this each waits out the 20 s first-contact hold
             BenchService service = BenchService.start(mode, stub, extraProperties())) {
            out.put("loadAverageAtStart", ShieldThroughput.loadAverage());
            List<String> qrs = registerPremises(service, stub);
            List<String> sessions = citizens(service);
            out.put("premises", qrs.size());
            out.put("citizensWithSessions", sessions.size());
            out.putAll(ingest(service, qrs, sessions));
            Map<String, Object> ingest = (Map<String, Object>) out.get("ingest");
            Map<String, Object> auth = (Map<String, Object>) out.get("authenticatedGet");
            Map<String, Object> live = (Map<String, Object>) out.get("bareHttpLiveness");
            out.putAll(bulkAndTrace(service));
            double rate = (double) ingest.get("medianPerSecond");
            out.put("ingestShareOfBulk", AttackReplay.round(rate / (double) out.get("bulkInsertRowsPerSecond")));
            out.put("ingestShareOfAuthenticatedGet", AttackReplay.round(rate / (double) auth.get("medianPerSecond")));
            out.put("ingestShareOfLiveness", AttackReplay.round(rate / (double) live.get("medianPerSecond")));
            out.put("loadAverageAtEnd", ShieldThroughput.loadAverage());
        }
        return out;
    }

    /** The set-up's first-contact hold off; {@code --pool=N} sets the connection pool size (default: Hikari's 10, SQLite's 4). */
    private Map<String, String> extraProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("benteng.shield.first-contact-hold", "PT0S");
        if (pool > 0) {
            p.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(pool));
        }
        p.putAll(serviceProperties);
        return p;
    }

    // ---------------------------------------------------------------- set-up

    /** Venue owners the real way: proof of work, PREMISES_OWNER code from the SMS stub, verify, register. */
    private List<String> registerPremises(BenchService service, SmsStub stub) throws Exception {
        List<String> qrs = new ArrayList<>();
        for (int k = 0; k < premisesCount; k++) {
            try (MiniHttp http = new MiniHttp(InetAddress.getByAddress(new byte[] {127, 91, (byte) (k / 200), (byte) (1 + k % 200)}), service.address)) {
                String number = AttackReplay.randomMobile(random);
                MiniHttp.Response r = null;
                // set-up only: on a shared machine the limit store (Redis) now and then times out; try again a few times
                for (int attempt = 0; attempt < 5 && (r == null || r.status() == 503); attempt++) {
                    if (r != null) {
                        Thread.sleep(2_000);
                    }
                    String pow = Pow.solve(JSON.readTree(http.get("/api/v1/pow/challenge").body())).payload();
                    r = http.post("/api/v1/otp/requests", AttackReplay.codeRequest(number, "PREMISES_OWNER", pow));
                }
                if (r.status() != 202) {
                    throw new IllegalStateException("owner code request: " + r.status() + " " + r.body());
                }
                String requestId = JSON.readTree(r.body()).get("requestId").asString();
                String code = stub.awaitCode(number, 1, 30_000);
                MiniHttp.Response v = http.post("/api/v1/otp/requests/" + requestId + "/verify", "{\"code\":\"" + code + "\"}");
                String token = JSON.readTree(v.body()).get("verificationToken").asString();
                MiniHttp.Response p = http.post("/api/v1/premises", "{\"verificationToken\":\"" + token + "\",\"name\":\"Kedai Ujian " + k
                        + "\",\"address\":\"No. " + (k + 1) + ", Jalan Bench\",\"postcode\":\"50450\",\"state\":\"KUALA_LUMPUR\","
                        + "\"category\":\"RETAIL\"}");
                if (p.status() != 201) {
                    throw new IllegalStateException("premises: " + p.status() + " " + p.body());
                }
                qrs.add(JSON.readTree(p.body()).get("qrUrl").asString());
            }
        }
        return qrs;
    }

    /**
     * Citizens and their sessions through the account module's API ({@code Citizens.findOrRegister},
     * {@code Sessions.issue}): real accounts and bearer sessions, without an SMS each (the code path has its own
     * benchmarks).
     */
    private List<String> citizens(BenchService service) throws Exception {
        Citizens citizens = service.context.getBean(Citizens.class);
        Sessions sessions = service.context.getBean(Sessions.class);
        Set<String> numbers = new java.util.LinkedHashSet<>();
        while (numbers.size() < citizenCount) {
            numbers.add(AttackReplay.randomMobile(random));
        }
        // in parallel (set-up only): one by one, thousands of accounts take minutes on a loaded machine
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> tokens = new ArrayList<>();
            for (String n : numbers) {
                tokens.add(pool.submit(() -> {
                    Citizen c = citizens.findOrRegister(new VerifiedContact(Contact.of(PhoneNumber.parse(n)), Purpose.SIGN_UP), "Pengguna Bench");
                    return sessions.issue(AccountRef.citizen(c.id()), Set.of(AccountPrincipal.CITIZEN_ROLE)).token();
                }));
            }
            List<String> out = new ArrayList<>();
            for (Future<String> t : tokens) {
                out.add(t.get());
            }
            return out;
        }
    }

    // ---------------------------------------------------------------- ingest

    /** One kind of request the load loop sends: the n-th request of a round, on a connection. */
    private interface Call {
        MiniHttp.Response send(MiniHttp http, long n) throws java.io.IOException;
    }

    /**
     * Ingest and its HTTP baselines, round by round interleaved (liveness, authenticated GET, check-in) so that the
     * neighbours' load falls on all three alike: same client, same number of keep-alive connections, same concurrency.
     * <ul>
     *   <li>{@code bareHttpLiveness}: {@code GET /actuator/health/liveness}, no session, no database — the machine's
     *       HTTP ceiling with this client;</li>
     *   <li>{@code authenticatedGet}: {@code GET /api/v1/me/risk-status} with a bearer session (the session read
     *       every check-in pays too, plus one indexed read);</li>
     *   <li>{@code ingest}: {@code POST /api/v1/checkins}, every (citizen, premises) pair once before any repeat, so
     *       each request is a new visit (201) while the pairs last.</li>
     * </ul>
     */
    private Map<String, Object> ingest(BenchService service, List<String> qrs, List<String> sessions) throws Exception {
        Map<String, Object> out = client.equals("wrk") ? ingestWithWrk(service, qrs, sessions) : ingestWithJava(service, qrs, sessions);
        out.putAll(serviceFigures(service));
        out.put("distinctPairs", (long) sessions.size() * qrs.size());
        return out;
    }

    /**
     * As {@link #ingestWithJava}, with {@code wrk} as the client in its own process ({@link WrkClient}): same three
     * kinds, same interleaving, same connections. Latency percentiles are wrk's per round; the reported p50/p99 are
     * the medians over the measured rounds. {@code jvmCpuMsPerRequest} is the benchmark JVM's CPU time (the service
     * alone, the client is outside it; PostgreSQL's backends are not in it) divided by the requests of the round.
     */
    private Map<String, Object> ingestWithWrk(BenchService service, List<String> qrs, List<String> sessions) throws Exception {
        WrkClient wrk = new WrkClient(service.address, sessions, qrs, wrkThreads, concurrency);
        Map<String, String[]> kinds = new LinkedHashMap<>();
        kinds.put("bareHttpLiveness", new String[] {"liveness", "/actuator/health/liveness"});
        kinds.put("authenticatedGet", new String[] {"auth", "/api/v1/me/risk-status"});
        kinds.put("ingest", new String[] {"checkin", "/api/v1/checkins"});
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Map<String, List<WrkClient.Round>> measured = new LinkedHashMap<>();
        Map<String, List<Double>> cpu = new LinkedHashMap<>();
        kinds.keySet().forEach(k -> {
            measured.put(k, new ArrayList<>());
            cpu.put(k, new ArrayList<>());
        });
        List<String> loads = new ArrayList<>();
        long offset = 0;
        for (int round = 0; round < warmup + rounds; round++) {
            boolean isMeasured = round >= warmup;
            loads.add(ShieldThroughput.loadAverage());
            for (Map.Entry<String, String[]> kind : kinds.entrySet()) {
                long cpuBefore = os.getProcessCpuTime();
                WrkClient.Round r = wrk.run(kind.getValue()[0], kind.getValue()[1], offset, millis / 1000);
                double cpuMs = (os.getProcessCpuTime() - cpuBefore) / 1e6 / Math.max(1, r.requests());
                if (kind.getValue()[0].equals("checkin")) {
                    offset = wrk.nextOffset(offset, r);
                }
                System.err.printf(Locale.ROOT, "%s round %d%s: %.0f/s p50 %.2f p99 %.2f ms, %.3f JVM CPU ms/request %s %s%n", kind.getKey(), round,
                        isMeasured ? "" : " (warm-up)", r.perSecond(), r.p50(), r.p99(), cpuMs, r.statuses(), r.errors());
                if (isMeasured) {
                    measured.get(kind.getKey()).add(r);
                    cpu.get(kind.getKey()).add(cpuMs);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : kinds.keySet()) {
            List<WrkClient.Round> rs = measured.get(k);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("medianPerSecond", AttackReplay.round(median(rs.stream().map(WrkClient.Round::perSecond).toList())));
            m.put("rounds", rs.stream().map(r -> AttackReplay.round(r.perSecond())).toList());
            Map<String, Object> lat = new LinkedHashMap<>();
            lat.put("count", rs.stream().mapToLong(WrkClient.Round::requests).sum());
            lat.put("p50", AttackReplay.round(median(rs.stream().map(WrkClient.Round::p50).toList())));
            lat.put("p90", AttackReplay.round(median(rs.stream().map(WrkClient.Round::p90).toList())));
            lat.put("p99", AttackReplay.round(median(rs.stream().map(WrkClient.Round::p99).toList())));
            lat.put("p99Rounds", rs.stream().map(r -> AttackReplay.round(r.p99())).toList());
            lat.put("max", AttackReplay.round(rs.stream().mapToDouble(WrkClient.Round::max).max().orElse(0)));
            m.put("latencyMs", lat);
            Map<String, Integer> st = new java.util.TreeMap<>();
            rs.forEach(r -> r.statuses().forEach((s, n) -> st.merge(s, n, Integer::sum)));
            rs.forEach(r -> r.errors().forEach((s, n) -> st.merge("wrk-" + s, n, Integer::sum)));
            m.put("statuses", st);
            m.put("jvmCpuMsPerRequest", AttackReplay.round(median(cpu.get(k))));
            out.put(k, m);
        }
        // latency below saturation: ingest paced to fractions of its median rate (a closed loop at full speed only
        // shows the queue its connections build: mean latency = connections / rate)
        double full = median(measured.get("ingest").stream().map(WrkClient.Round::perSecond).toList());
        List<Map<String, Object>> pacedRounds = new ArrayList<>();
        for (double f : paced) {
            WrkClient.Round r = wrk.run("checkin", "/api/v1/checkins", offset, millis / 1000, f * full);
            offset = wrk.nextOffset(offset, r);
            System.err.printf(Locale.ROOT, "ingest paced to %.0f/s: %.0f/s p50 %.2f p99 %.2f ms %s %s%n", f * full, r.perSecond(), r.p50(), r.p99(),
                    r.statuses(), r.errors());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fractionOfMedian", f);
            m.put("targetPerSecond", AttackReplay.round(f * full));
            m.put("perSecond", AttackReplay.round(r.perSecond()));
            m.put("latencyMs", Map.of("p50", AttackReplay.round(r.p50()), "p90", AttackReplay.round(r.p90()), "p99", AttackReplay.round(r.p99()),
                    "max", AttackReplay.round(r.max())));
            Map<String, Integer> st = new java.util.TreeMap<>(r.statuses());
            r.errors().forEach((k, n) -> st.put("wrk-" + k, n));
            m.put("statuses", st);
            pacedRounds.add(m);
        }
        out.put("ingestPaced", pacedRounds);
        out.put("loadAverageAtRounds", loads);
        out.put("ingestRequestsSent", offset);
        return out;
    }

    /** The writer's and the pool's own figures over all ingest rounds (warm-up included). */
    private static Map<String, Object> serviceFigures(BenchService service) {
        Map<String, Object> out = new LinkedHashMap<>();
        // the writer's own figures over all ingest rounds (warm-up included): how much group commit actually grouped
        io.micrometer.core.instrument.MeterRegistry meters = service.context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        io.micrometer.core.instrument.DistributionSummary sizes = meters.find("benteng.checkin.batch.size").summary();
        io.micrometer.core.instrument.Timer times = meters.find("benteng.checkin.batch.duration").timer();
        if (sizes != null && times != null) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("batches", sizes.count());
            g.put("meanCheckinsPerBatch", AttackReplay.round(sizes.mean()));
            g.put("maxCheckinsPerBatch", AttackReplay.round(sizes.max()));
            g.put("meanBatchMs", AttackReplay.round(times.mean(java.util.concurrent.TimeUnit.MILLISECONDS)));
            out.put("groupCommit", g);
        }
        // connection pool: request threads wait here when the pool is the limit (PostgreSQL default: 10 connections)
        io.micrometer.core.instrument.Timer acquire = meters.find("hikaricp.connections.acquire").timer();
        if (acquire != null) {
            out.put("poolAcquireMs", Map.of("count", acquire.count(), "mean", AttackReplay.round(acquire.mean(java.util.concurrent.TimeUnit.MILLISECONDS)),
                    "max", AttackReplay.round(acquire.max(java.util.concurrent.TimeUnit.MILLISECONDS))));
        }
        return out;
    }

    private Map<String, Object> ingestWithJava(BenchService service, List<String> qrs, List<String> sessions) throws Exception {
        AtomicLong seq = new AtomicLong();
        Map<String, Call> kinds = new LinkedHashMap<>();
        kinds.put("bareHttpLiveness", (http, n) -> http.exchange("GET", "/actuator/health/liveness", null, null));
        kinds.put("authenticatedGet", (http, n) -> http.exchange("GET", "/api/v1/me/risk-status", null,
                sessions.get((int) (n % sessions.size()))));
        kinds.put("ingest", (http, n) -> {
            long i = seq.getAndIncrement();
            int citizen = (int) (i % sessions.size());
            int premises = (int) ((i / sessions.size()) % qrs.size());
            return http.exchange("POST", "/api/v1/checkins", "{\"qr\":\"" + qrs.get(premises) + "\"}", sessions.get(citizen));
        });
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> statuses = new LinkedHashMap<>();
        kinds.keySet().forEach(k -> {
            rates.put(k, new ArrayList<>());
            latencies.put(k, Collections.synchronizedList(new ArrayList<>()));
            statuses.put(k, new ConcurrentHashMap<>());
        });
        for (int round = 0; round < warmup + rounds; round++) {
            boolean measured = round >= warmup;
            for (Map.Entry<String, Call> kind : kinds.entrySet()) {
                double rate = round(service, round, kind.getValue(), measured ? latencies.get(kind.getKey()) : null,
                        measured ? statuses.get(kind.getKey()) : null);
                System.err.printf(Locale.ROOT, "%s round %d%s: %.0f/s%n", kind.getKey(), round, measured ? "" : " (warm-up)", rate);
                if (measured) {
                    rates.get(kind.getKey()).add(rate);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : kinds.keySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("medianPerSecond", AttackReplay.round(median(rates.get(k))));
            m.put("rounds", rates.get(k).stream().map(AttackReplay::round).toList());
            m.put("latencyMs", AttackReplay.percentiles(latencies.get(k)));
            m.put("statuses", new java.util.TreeMap<>(statuses.get(k)));
            out.put(k, m);
        }
        out.put("ingestRequestsSent", seq.get());
        return out;
    }

    /** One timed round of one kind of request over {@code concurrency} keep-alive connections; requests per second. */
    private double round(BenchService service, int round, Call call, List<Long> latencies, Map<String, Integer> statuses) throws Exception {
        AtomicInteger done = new AtomicInteger();
        AtomicLong n = new AtomicLong();
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                futures.add(pool.submit(() -> {
                    try (MiniHttp http = new MiniHttp(InetAddress.getByAddress(new byte[] {127, 92, (byte) (worker % 250), (byte) (1 + worker / 250 + 4 * round)}), service.address)) {
                        while (System.nanoTime() < end) {
                            MiniHttp.Response x;
                            try {
                                x = call.send(http, n.getAndIncrement());
                            } catch (java.io.IOException e) {
                                if (statuses != null) {
                                    statuses.merge("io-error", 1, Integer::sum);
                                }
                                continue;
                            }
                            done.incrementAndGet();
                            if (latencies != null) {
                                latencies.add(x.nanos());
                                statuses.merge(Integer.toString(x.status()), 1, Integer::sum);
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
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    // ---------------------------------------------------------------- bulk load and tracing

    private Map<String, Object> bulkAndTrace(BenchService service) throws Exception {
        double[] profile = halfHourProfile();
        double scale = (double) rows / PEAK_CHECKINS;
        int premises = (int) Math.max(10, Math.round(PEAK_PREMISES * scale));
        int people = (int) Math.max(10, Math.round(PEAK_PEOPLE * scale));
        LocalDate day = LocalDate.now(KL); // the KL day: its UTC days have partitions (yesterday and today) on PostgreSQL
        Instant dayStart = day.atStartOfDay(KL).toInstant();
        double[] cumulative = new double[48];
        double sum = 0;
        for (int k = 0; k < 48; k++) {
            sum += profile[k];
            cumulative[k] = sum;
        }
        PremisesId mall = premisesId(0);
        int peak = 0;
        for (int k = 1; k < 48; k++) {
            peak = profile[k] > profile[peak] ? k : peak;
        }

        DataSource ds = service.context.getBean(DataSource.class);
        List<String> sampleIds = new ArrayList<>();
        List<String> casePeople = new ArrayList<>();
        long t0 = System.nanoTime();
        int loaded = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            int perStatement = 500;
            StringBuilder sql = new StringBuilder("INSERT INTO checkin (id, citizen_id, premises_id, checked_in_at, checked_out_at) VALUES ");
            for (int i = 0; i < perStatement; i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?)");
            }
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                while (loaded < rows) {
                    for (int i = 0; i < perStatement; i++) {
                        int n = loaded + i;
                        // the mall's 20,000 check-ins first, then the rest spread over all premises
                        PremisesId where = n < Math.min(MALL_CHECKINS, rows / 2) ? mall : premisesId(1 + random.nextInt(premises));
                        int k = bucket(cumulative, random.nextDouble() * sum);
                        long at = dayStart.toEpochMilli() + k * 1_800_000L + random.nextInt(1_800_000);
                        String id = new UUID(random.nextLong(), random.nextLong()).toString();
                        String citizen = citizenId(random.nextInt(people));
                        int p = i * 5;
                        ps.setString(p + 1, id);
                        ps.setString(p + 2, citizen);
                        ps.setString(p + 3, where.value());
                        ps.setLong(p + 4, at);
                        if (random.nextInt(10) < 4) { // 40 % check out, 10 min to 2 h later
                            ps.setLong(p + 5, at + 600_000L + random.nextInt(6_600_000));
                        } else {
                            ps.setNull(p + 5, java.sql.Types.BIGINT);
                        }
                        if (random.nextInt(2000) == 0) {
                            sampleIds.add(id);
                        }
                        if (where != mall && random.nextInt(Math.max(1, rows / (cases * 4))) == 0) {
                            casePeople.add(citizen);
                        }
                    }
                    ps.executeUpdate();
                    loaded += perStatement;
                    if (loaded % 10_000 == 0) {
                        c.commit();
                    }
                }
            }
            c.commit();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double bulkRate = loaded / seconds;
        System.err.printf(Locale.ROOT, "bulk: %d rows in %.1f s = %.0f rows/s%n", loaded, seconds, bulkRate);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bulkInsertRows", loaded);
        m.put("bulkInsertSeconds", AttackReplay.round(seconds));
        m.put("bulkInsertRowsPerSecond", AttackReplay.round(bulkRate));
        if (skipTracing) {
            return m;
        }
        JdbcClient jdbc = service.context.getBean(JdbcClient.class);
        if (service.mode.equals("scaleout")) {
            jdbc.sql("ANALYZE checkin").update();
        } else {
            jdbc.sql("ANALYZE").update();
        }
        // the mall case: one more person, there at the busiest half-hour
        String mallCase = citizenId(people + 1);
        long mallAt = dayStart.toEpochMilli() + peak * 1_800_000L + 600_000L;
        jdbc.sql("INSERT INTO checkin (id, citizen_id, premises_id, checked_in_at, checked_out_at) VALUES (:id, :c, :p, :at, NULL)")
                .param("id", UUID.randomUUID().toString()).param("c", mallCase).param("p", mall.value()).param("at", mallAt).update();

        Visits visits = service.context.getBean(Visits.class);
        Instant from = dayStart;
        Instant to = dayStart.plus(Duration.ofDays(1));
        for (int warm = 0; warm < 20; warm++) {
            trace(visits, casePeople.get(warm % casePeople.size()), from, to);
        }
        List<Long> caseNanos = new ArrayList<>();
        long contacts = 0;
        for (int i = 0; i < Math.min(cases, casePeople.size()); i++) {
            long s = System.nanoTime();
            contacts += trace(visits, casePeople.get(i), from, to);
            caseNanos.add(System.nanoTime() - s);
        }
        List<Long> mallNanos = new ArrayList<>();
        int mallContacts = 0;
        for (int i = 0; i < mallRepeats; i++) {
            long s = System.nanoTime();
            mallContacts = trace(visits, mallCase, from, to);
            mallNanos.add(System.nanoTime() - s);
        }
        List<Long> pkNanos = new ArrayList<>();
        for (String id : sampleIds) {
            long s = System.nanoTime();
            jdbc.sql("SELECT id, citizen_id, premises_id, checked_in_at, checked_out_at FROM checkin WHERE id = :id").param("id", id)
                    .query((rs, n) -> rs.getString(1)).list();
            pkNanos.add(System.nanoTime() - s);
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM checkin").query(Long.class).single();

        m.put("syntheticDay", Map.of("klDate", day.toString(), "premises", premises, "people", people, "mallCheckins",
                Math.min(MALL_CHECKINS, rows / 2), "busiestHalfHour", peak, "rowsInTable", total));
        Map<String, Object> tr = new LinkedHashMap<>();
        tr.put("randomCases", caseNanos.size());
        tr.put("randomCaseMeanContacts", caseNanos.isEmpty() ? 0 : AttackReplay.round((double) contacts / caseNanos.size()));
        tr.put("randomCaseMs", p95(caseNanos));
        tr.put("mallCaseContacts", mallContacts);
        tr.put("mallCaseMs", p95(mallNanos));
        tr.put("baselinePrimaryKeyReadMs", p95(pkNanos));
        tr.put("assumedStay", ASSUMED.toString());
        tr.put("longestStay", LONGEST.toString());
        tr.put("buffer", BUFFER.toString());
        m.put("tracing", tr);
        return m;
    }

    /** The reads of one tracing run, as TracingService makes them; returns the number of contacts. */
    private static int trace(Visits visits, String citizen, Instant from, Instant to) {
        Set<String> contacts = new HashSet<>();
        for (Visit v : visits.ofCitizen(citizen, from, to, ASSUMED, LONGEST)) {
            Instant start = v.checkedInAt().isAfter(from) ? v.checkedInAt() : from;
            Instant end = v.end(ASSUMED, LONGEST).isBefore(to) ? v.end(ASSUMED, LONGEST) : to;
            for (Visit other : visits.atPremises(v.premisesId(), start.minus(BUFFER), end.plus(BUFFER), ASSUMED, LONGEST)) {
                if (!other.citizenId().equals(citizen)) {
                    contacts.add(other.citizenId());
                }
            }
        }
        return contacts.size();
    }

    private static PremisesId premisesId(int n) {
        return new PremisesId(String.format("00000000-0000-4000-8000-%012x", n));
    }

    private static String citizenId(int n) {
        return String.format("00000000-0000-4000-9000-%012x", n);
    }

    /** The national data: --data, else ../shared/data/mysejahtera seen from the worktree or from the bench module. */
    private static Path dataDirectory(String given) {
        if (given != null) {
            return Path.of(given);
        }
        for (String candidate : List.of("../shared/data/mysejahtera", "../../shared/data/mysejahtera", "/work/shared/data/mysejahtera")) {
            if (Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return Path.of("../shared/data/mysejahtera");
    }

    private static int bucket(double[] cumulative, double x) {
        for (int k = 0; k < cumulative.length; k++) {
            if (x < cumulative[k]) {
                return k;
            }
        }
        return cumulative.length - 1;
    }

    /** Half-hour weights of the busiest day in checkin_malaysia_time.csv; a flat daytime profile if unreadable. */
    private double[] halfHourProfile() {
        double[] flat = new double[48];
        for (int k = 0; k < 48; k++) {
            flat[k] = k >= 14 && k < 44 ? 1 : 0.05;
        }
        try {
            List<String> lines = Files.readAllLines(data.resolve("checkin_malaysia_time.csv"));
            double[] best = null;
            double bestSum = -1;
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                if (f.length < 49) {
                    continue;
                }
                double[] w = new double[48];
                double s = 0;
                for (int k = 0; k < 48; k++) {
                    w[k] = Double.parseDouble(f[k + 1]);
                    s += w[k];
                }
                if (s > bestSum) {
                    bestSum = s;
                    best = w;
                }
            }
            System.err.printf(Locale.ROOT, "profile: busiest day in the data has %.0f check-ins%n", bestSum);
            return best == null ? flat : best;
        } catch (Exception e) {
            System.err.println("profile: " + data + " not readable, flat daytime profile");
            return flat;
        }
    }

    private static Map<String, Object> p95(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", sorted.size());
        m.put("p50", sorted.isEmpty() ? 0 : AttackReplay.round(sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))) / 1e6));
        m.put("p95", sorted.isEmpty() ? 0 : AttackReplay.round(sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))) / 1e6));
        m.put("max", sorted.isEmpty() ? 0 : AttackReplay.round(sorted.getLast() / 1e6));
        return m;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
