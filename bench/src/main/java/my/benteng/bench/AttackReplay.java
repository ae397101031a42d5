package my.benteng.bench;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The attack replay of issue 3: the incident (scripts making the platform send unsolicited one-time codes)
 * replayed against the running service on loopback. 1,000 bots, each with its own source address in
 * 127.0.0.0/8 (5 per /24 over 200 /24s), send a paced mix of (a) bombing a few victim numbers, (b) pumping
 * random numbers in a few prefixes and (c) sequential enumeration, while simulated legitimate users (each
 * a new number from its own address) solve the proof of work, ask for a SIGN_UP code, read it from the SMS
 * gateway stub, verify it and create their account. What counts is what the stub received.
 *
 * <p>Attackers are realistic, not naive: they send without proof of work until the service first asks for
 * one, then fetch and solve a challenge before every request (an efficient CPU solver, CPU time measured per
 * solving thread); they solve the harder challenge a 428 carries and retry; a solution that was refused with
 * 429 is kept and tried again (the service spends a solution on every assessment that gets past the proof-of-work
 * check, so the retry meets a 428 "replayed" and the bot solves anew); on 429 a bot rests for
 * Retry-After, at most {@code --max-rest} seconds, and moves on to its next target.
 *
 * <p>Scenarios: {@code shield} (the service's defaults) and {@code naive} (10 requests per minute per address,
 * nothing else), each on {@code embedded} (SQLite, in-process limits) and {@code scaleout} (PostgreSQL + Redis).
 */
public final class AttackReplay {

    /** The driver runs against a live service in real time: one wall clock for every wait and timestamp. */
    static final Clock WALL = Clock.systemUTC();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final ZoneId KL = ZoneId.of("Asia/Kuala_Lumpur");
    private static final String REQUESTS = "/api/v1/otp/requests";
    private static final String CHALLENGE = "/api/v1/pow/challenge";

    /** The naive baseline: one per-address token bucket of 10 refilled every 6 s, every other rule switched off. */
    static final Map<String, String> NAIVE = Map.ofEntries(
            Map.entry("benteng.shield.pow-required", "false"),
            Map.entry("benteng.shield.destination-hourly-cap", "1000000000"),
            Map.entry("benteng.shield.destination-daily-cap", "1000000000"),
            Map.entry("benteng.shield.first-contact-interval", "PT0.001S"),
            Map.entry("benteng.shield.quiet-hours-start-hour", "0"),
            Map.entry("benteng.shield.quiet-hours-end-hour", "0"),
            Map.entry("benteng.shield.ip-bucket-capacity", "10"),
            Map.entry("benteng.shield.ip-bucket-refill", "PT6S"),
            Map.entry("benteng.shield.subnet-bucket-capacity", "1000000000"),
            Map.entry("benteng.shield.subnet-bucket-refill", "PT0.001S"),
            Map.entry("benteng.shield.prefix-surge-threshold", "1000000000"),
            Map.entry("benteng.shield.prefix-block-threshold", "1000000000"),
            Map.entry("benteng.shield.global-surge-threshold", "1000000000"),
            Map.entry("benteng.shield.conversion-min-sample", "1000000000"),
            Map.entry("benteng.otp.resend-cooldowns", "PT0S"));

    enum Kind { BOMB, PUMP, ENUM }

    record Target(Kind kind, String number) {
    }

    private final int budget;
    private final int legitCount;
    private final int botCount;
    private final double rate;
    private final int workers;
    private final long maxSeconds;
    private final long maxRestMillis;
    private final long seed;
    private final int pumpPrefixCount;
    /** The attacker's CPU on this box: at most this many solves at a time (the service needs the other core). */
    private final java.util.concurrent.Semaphore attackerCores;

    private AttackReplay(Map<String, String> o) {
        budget = Integer.parseInt(o.getOrDefault("attack-requests", "6000"));
        legitCount = Integer.parseInt(o.getOrDefault("legit", "150"));
        botCount = Integer.parseInt(o.getOrDefault("bots", "1000"));
        rate = Double.parseDouble(o.getOrDefault("rate", "40"));
        workers = Integer.parseInt(o.getOrDefault("workers", "16"));
        maxSeconds = Long.parseLong(o.getOrDefault("max-seconds", "300"));
        maxRestMillis = Long.parseLong(o.getOrDefault("max-rest", "60")) * 1000;
        seed = Long.parseLong(o.getOrDefault("seed", "20261122"));
        pumpPrefixCount = Integer.parseInt(o.getOrDefault("pump-prefixes", "3"));
        attackerCores = new java.util.concurrent.Semaphore(Integer.parseInt(o.getOrDefault("attacker-cores", "1")));
    }

    /** SHA-256 evaluations of a short message per second per core with OpenSSL: the native attacker's speed. */
    static double NATIVE_HASHES_PER_SECOND;

    /** {@code openssl speed} on 32-byte messages (an ALTCHA input is salt plus digits, one block): hashes per second. */
    static double nativeSha256PerSecond() {
        try {
            Process p = new ProcessBuilder("openssl", "speed", "-seconds", "3", "-bytes", "32", "sha256").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && f[0].equals("sha256") && f[1].endsWith("k")) {
                    return Double.parseDouble(f[1].substring(0, f[1].length() - 1)) * 1000 / 32;
                }
            }
        } catch (Exception e) {
            System.err.println("openssl speed unavailable: native solver cost not reported");
        }
        return -1;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        NATIVE_HASHES_PER_SECOND = nativeSha256PerSecond();
        System.err.printf(Locale.ROOT, "native SHA-256 (openssl, one core): %.0f hashes/s%n", NATIVE_HASHES_PER_SECOND);
        AttackReplay replay = new AttackReplay(o);
        List<String> modes = Arrays.asList(o.getOrDefault("modes", "embedded,scaleout").split(","));
        List<String> configs = Arrays.asList(o.getOrDefault("configs", "shield,naive").split(","));
        List<Map<String, Object>> results = new ArrayList<>();
        for (String mode : modes) {
            for (String config : configs) {
                Map<String, Object> r = replay.scenario(mode, config, o);
                System.out.println(JSON.writeValueAsString(r));
                results.add(r);
            }
        }
        System.out.println();
        System.out.println(JSON.writeValueAsString(Map.of("benchmark", "attack-replay", "scenarios", results)));
        System.out.println();
        table(results);
        System.exit(0);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        return options;
    }

    // ---------------------------------------------------------------- one scenario

    private final class Run {
        final BenchService service;
        final SmsStub stub;
        final List<Bot> bots = new ArrayList<>();
        final AtomicInteger nextIntent = new AtomicInteger();
        final AtomicInteger nextBot = new AtomicInteger();
        final AtomicInteger attackRequests = new AtomicInteger();
        final AtomicInteger challengeFetches = new AtomicInteger();
        final Map<String, AtomicInteger> attackStatus = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> attackByKind = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> acceptedByKind = new ConcurrentHashMap<>();
        final AtomicLong attackerCpuNanos = new AtomicLong();
        final AtomicInteger attackerSolves = new AtomicInteger();
        final Map<Long, AtomicInteger> solvesByDifficulty = new ConcurrentHashMap<>();
        final List<Long> attackLatency = Collections.synchronizedList(new ArrayList<>());
        final List<Long> legitLatency = Collections.synchronizedList(new ArrayList<>());
        /** From the 202 to the SMS at the gateway: what a genuine user waits for the code (holds included). */
        final AtomicLong attackerHashes = new AtomicLong();
        final List<Long> legitFirstCode = Collections.synchronizedList(new ArrayList<>());
        final Map<String, AtomicInteger> legitOutcome = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> legitStatus = new ConcurrentHashMap<>();
        final AtomicLong legitCpuNanos = new AtomicLong();
        final AtomicInteger legitSolves = new AtomicInteger();
        final AtomicInteger transportErrors = new AtomicInteger();
        volatile boolean powSeen;
        volatile boolean stop;
        long startNanos;
        final List<String> victims;
        final List<String> pumpPrefixes;
        final List<String> legitNumbers;
        final Random random;
        final AtomicLong enumNext;

        Run(BenchService service, SmsStub stub) throws Exception {
            this.service = service;
            this.stub = stub;
            // seeded on purpose: every run replays the same attack (a workload, not a secret)
            this.random = new Random(seed);
            victims = List.of("+60193456781", "+60193456782", "+60193456783", "+60193456784", "+60193456785");
            List<String> prefixes = new ArrayList<>(List.of("+6011555", "+6016777", "+6012888"));
            Random prefixRandom = new Random(seed + 1); // seeded: the same pumped prefixes every run
            while (prefixes.size() < pumpPrefixCount) {
                String head = new String[] {"+6011", "+6012", "+6013", "+6014", "+6016", "+6017", "+6018", "+6019"}[prefixRandom.nextInt(8)];
                String prefix = head + digits(prefixRandom, 3);
                if (!prefixes.contains(prefix) && !prefix.equals("+6017444") && !prefix.equals("+6019345")
                        && isMobile(prefix + digits(prefixRandom, head.equals("+6011") ? 5 : 4))) {
                    prefixes.add(prefix);
                }
            }
            pumpPrefixes = List.copyOf(prefixes.subList(0, pumpPrefixCount));
            enumNext = new AtomicLong(60174440000L);
            for (int b = 0; b < botCount; b++) {
                int subnet = b / 5;
                bots.add(new Bot(new MiniHttp(InetAddress.getByAddress(new byte[] {127, (byte) (100 + subnet / 250),
                        (byte) (subnet % 250), (byte) (10 + b % 5)}), service.address)));
            }
            Set<String> taken = new HashSet<>(victims);
            List<String> legit = new ArrayList<>();
            while (legit.size() < legitCount) {
                String n = randomMobile(random);
                if (taken.add(n)) {
                    legit.add(n);
                }
            }
            legitNumbers = legit;
        }

        Target target(int i) {
            int slot = i % 10;
            if (slot < 4) {
                return new Target(Kind.BOMB, victims.get((i / 10) % victims.size()));
            }
            if (slot < 8) {
                String prefix = pumpPrefixes.get((i / 10) % pumpPrefixes.size());
                int rest = 12 - prefix.length(); // +601x numbers have 10 national digits, +6011 numbers 11
                String n;
                synchronized (random) {
                    n = prefix + digits(random, prefix.startsWith("+6011") ? 13 - prefix.length() : rest);
                }
                return new Target(Kind.PUMP, n);
            }
            return new Target(Kind.ENUM, "+" + enumNext.getAndIncrement());
        }
    }

    private static final class Bot {
        final MiniHttp http;
        final ReentrantLock lock = new ReentrantLock();
        volatile long restUntil;
        Pow.Solution solution;

        Bot(MiniHttp http) {
            this.http = http;
        }
    }

    Map<String, Object> scenario(String mode, String config, Map<String, String> o) throws Exception {
        Map<String, String> extra = new LinkedHashMap<>(config.equals("naive") ? NAIVE : Map.of());
        o.forEach((k, v) -> {
            if (k.startsWith("benteng.")) {
                extra.put(k, v); // configuration experiments: --benteng.shield.x=y on the command line
            }
        });
        ZonedDateTime startedAt = ZonedDateTime.now(KL);
        System.err.printf(Locale.ROOT, "== attack replay: %s / %s (Kuala Lumpur %s)%n", mode, config, startedAt);
        try (SmsStub stub = new SmsStub("bench-token-" + Long.toHexString(new java.security.SecureRandom().nextLong()));
             BenchService service = BenchService.start(mode, stub, extra)) {
            Run run = new Run(service, stub);
            run.startNanos = System.nanoTime();
            // without an attack (--attack-requests=0) genuine users arrive over --legit-seconds
            double plannedSeconds = Double.parseDouble(o.getOrDefault("legit-seconds", Double.toString(Math.max(1, budget / rate))));
            ExecutorService attackers = Executors.newFixedThreadPool(workers);
            // one thread per person: users are independent, and each spends most of its journey waiting for its SMS
            ExecutorService legit = Executors.newFixedThreadPool(Math.max(1, legitCount));
            for (int w = 0; w < workers; w++) {
                attackers.submit(() -> attackLoop(run));
            }
            for (int k = 0; k < legitCount; k++) {
                int user = k;
                long at = run.startNanos + (long) (plannedSeconds * 1e9 * (k + 0.5) / legitCount);
                legit.submit(() -> legitUser(run, user, at));
            }
            attackers.shutdown();
            legit.shutdown();
            long deadline = run.startNanos + TimeUnit.SECONDS.toNanos(maxSeconds);
            while (!(attackers.isTerminated() && legit.isTerminated()) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            boolean timedOut = !(attackers.isTerminated() && legit.isTerminated());
            run.stop = true;
            attackers.awaitTermination(60, TimeUnit.SECONDS);
            legit.awaitTermination(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - run.startNanos) / 1e9;
            // let the outbox drain: the stub's count must stay still for 3 s
            int last = -1;
            long stillSince = System.nanoTime();
            long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < drainDeadline) {
                int now = stub.received();
                if (now != last) {
                    last = now;
                    stillSince = System.nanoTime();
                } else if (System.nanoTime() - stillSince > TimeUnit.SECONDS.toNanos(3)) {
                    break;
                }
                Thread.sleep(100);
            }
            run.bots.forEach(b -> b.http.close());
            return report(run, mode, config, extra, startedAt, seconds, timedOut);
        }
    }

    // ---------------------------------------------------------------- attackers

    private void attackLoop(Run run) {
        while (!run.stop) {
            if (run.attackRequests.get() >= budget) {
                return;
            }
            int i = run.nextIntent.getAndIncrement();
            long due = run.startNanos + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            if (run.stop) {
                return;
            }
            Target t = run.target(i);
            Bot bot = acquireBot(run);
            if (bot == null) {
                return;
            }
            try {
                attack(run, bot, t);
            } catch (Exception e) {
                run.transportErrors.incrementAndGet();
                bot.http.close();
            } finally {
                bot.lock.unlock();
            }
        }
    }

    private Bot acquireBot(Run run) {
        while (!run.stop) {
            long now = WALL.millis();
            for (int tries = 0; tries < run.bots.size(); tries++) {
                Bot b = run.bots.get(Math.floorMod(run.nextBot.getAndIncrement(), run.bots.size()));
                if (b.restUntil <= now && b.lock.tryLock()) {
                    return b;
                }
            }
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(20)); // every bot is resting
        }
        return null;
    }

    private void attack(Run run, Bot bot, Target t) throws Exception {
        for (int tries = 0; tries < 3 && !run.stop && run.attackRequests.get() < budget; tries++) {
            if (run.powSeen && bot.solution == null) {
                MiniHttp.Response c = bot.http.get(CHALLENGE);
                run.challengeFetches.incrementAndGet();
                bot.solution = solveForAttacker(run, JSON.readTree(c.body()));
            }
            String body = codeRequest(t.number(), "SIGN_UP", bot.solution == null ? null : bot.solution.payload());
            MiniHttp.Response r = bot.http.post(REQUESTS, body);
            run.attackRequests.incrementAndGet();
            run.attackLatency.add(r.nanos());
            count(run.attackStatus, Integer.toString(r.status()));
            count(run.attackByKind, t.kind().name());
            switch (r.status()) {
                case 202 -> {
                    bot.solution = null;
                    count(run.acceptedByKind, t.kind().name());
                    return;
                }
                case 428 -> {
                    run.powSeen = true;
                    JsonNode challenge = JSON.readTree(r.body()).get("challenge");
                    bot.solution = solveForAttacker(run, challenge); // and retry with it
                }
                case 429, 503 -> {
                    long ra = retryAfterMillis(r);
                    bot.restUntil = WALL.millis() + Math.min(ra, maxRestMillis);
                    return; // the bot keeps the solution and tries it again (the service has spent it: a 428 follows)
                }
                default -> {
                    return;
                }
            }
        }
    }

    private Pow.Solution solveForAttacker(Run run, JsonNode challenge) throws InterruptedException {
        attackerCores.acquire();
        Pow.Solution s;
        try {
            s = Pow.solve(challenge);
        } finally {
            attackerCores.release();
        }
        run.attackerCpuNanos.addAndGet(s.cpuNanos());
        run.attackerHashes.addAndGet(s.hashes());
        run.attackerSolves.incrementAndGet();
        run.solvesByDifficulty.computeIfAbsent(s.difficulty(), k -> new AtomicInteger()).incrementAndGet();
        return s;
    }

    // ---------------------------------------------------------------- legitimate users

    /** What a phone and a browser do: solve, ask for a code, read the SMS, verify, create the account. */
    private void legitUser(Run run, int k, long atNanos) {
        long wait = atNanos - System.nanoTime();
        if (wait > 0) {
            sleepNanos(wait);
        }
        String number = run.legitNumbers.get(k);
        String outcome;
        try (MiniHttp http = new MiniHttp(InetAddress.getByAddress(new byte[] {127, (byte) (200 + k / 250), (byte) (k % 250), 7}),
                run.service.address)) {
            outcome = legitJourney(run, http, number);
        } catch (Exception e) {
            outcome = "error:" + e.getClass().getSimpleName();
        }
        count(run.legitOutcome, outcome);
    }

    private String legitJourney(Run run, MiniHttp http, String number) throws Exception {
        Pow.Solution solution = solveForUser(run, JSON.readTree(http.get(CHALLENGE).body()));
        String requestId = null;
        for (int tries = 0; tries < 5 && requestId == null; tries++) {
            MiniHttp.Response r = http.post(REQUESTS, codeRequest(number, "SIGN_UP", solution.payload()));
            run.legitLatency.add(r.nanos());
            count(run.legitStatus, Integer.toString(r.status()));
            switch (r.status()) {
                case 202 -> requestId = JSON.readTree(r.body()).get("requestId").asString();
                case 428 -> solution = solveForUser(run, JSON.readTree(r.body()).get("challenge")); // e.g. quiet hours: the browser solves the harder one
                case 429, 503 -> {
                    long ra = retryAfterMillis(r);
                    if (ra > 120_000 || run.stop) {
                        return "refused:" + r.status() + ":" + problemType(r);
                    }
                    Thread.sleep(ra); // the app shows a countdown; the user waits up to two minutes
                }
                default -> {
                    return "refused:" + r.status() + ":" + problemType(r);
                }
            }
        }
        if (requestId == null) {
            return "no-code-request";
        }
        long accepted = System.nanoTime();
        String code = run.stub.awaitCode(number, 1, 30_000);
        if (code == null) {
            return "no-sms";
        }
        run.legitFirstCode.add(System.nanoTime() - accepted);
        MiniHttp.Response v = http.post(REQUESTS + "/" + requestId + "/verify", "{\"code\":\"" + code + "\"}");
        if (v.status() != 200) {
            return "verify:" + v.status();
        }
        String token = JSON.readTree(v.body()).get("verificationToken").asString();
        MiniHttp.Response c = http.post("/api/v1/citizens", "{\"verificationToken\":\"" + token + "\",\"name\":\"Pengguna Sah\"}");
        return c.status() == 201 ? "completed" : "signup:" + c.status();
    }

    private Pow.Solution solveForUser(Run run, JsonNode challenge) {
        Pow.Solution s = Pow.solve(challenge);
        run.legitCpuNanos.addAndGet(s.cpuNanos());
        run.legitSolves.incrementAndGet();
        return s;
    }

    // ---------------------------------------------------------------- report

    private Map<String, Object> report(Run run, String mode, String config, Map<String, String> extra, ZonedDateTime startedAt,
                                       double seconds, boolean timedOut) {
        Map<String, Integer> counts = run.stub.counts();
        Set<String> legit = new HashSet<>(run.legitNumbers);
        int legitSms = 0;
        int unsolicited = 0;
        int maxUnsolicited = 0;
        int maxVictim = 0;
        int overHourlyCap = 0;
        Map<String, Integer> unsolicitedByKind = new LinkedHashMap<>();
        int hourlyCap = Integer.parseInt(extra.getOrDefault("benteng.shield.destination-hourly-cap", "3"));
        for (var e : counts.entrySet()) {
            if (legit.contains(e.getKey())) {
                legitSms += e.getValue();
                continue;
            }
            unsolicited += e.getValue();
            maxUnsolicited = Math.max(maxUnsolicited, e.getValue());
            if (e.getValue() > Math.min(hourlyCap, 3)) {
                overHourlyCap++;
            }
            String kind = run.victims.contains(e.getKey()) ? "bombing"
                    : run.pumpPrefixes.stream().anyMatch(e.getKey()::startsWith) ? "pumping"
                    : e.getKey().startsWith("+6017444") ? "enumeration" : "other";
            if (kind.equals("bombing")) {
                maxVictim = Math.max(maxVictim, e.getValue());
            }
            unsolicitedByKind.merge(kind, e.getValue(), Integer::sum);
        }
        int maxLegit = run.legitNumbers.stream().mapToInt(n -> counts.getOrDefault(n, 0)).max().orElse(0);
        long legitInAttackedPrefixes = run.legitNumbers.stream()
                .filter(n -> run.pumpPrefixes.stream().anyMatch(n::startsWith) || n.startsWith("+6017444")).count();
        int attackRequests = run.attackRequests.get();
        int completed = run.legitOutcome.getOrDefault("completed", new AtomicInteger()).get();
        double attackerCpu = run.attackerCpuNanos.get() / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("mode", mode);
        r.put("config", config);
        r.put("startedAtKualaLumpur", startedAt.withNano(0).toOffsetDateTime().toString());
        r.put("klHour", startedAt.getHour());
        r.put("quietHours", startedAt.getHour() < 6);
        r.put("seconds", round(seconds));
        r.put("timedOut", timedOut);
        r.put("loadAverageAtEnd", ShieldThroughput.loadAverage());
        r.put("bots", botCount);
        r.put("pumpPrefixes", run.pumpPrefixes.size());
        r.put("attackerCores", attackerCores.availablePermits());
        r.put("offeredRatePerSecond", rate);
        r.put("attackRequests", attackRequests);
        r.put("attackRequestsByKind", plain(run.attackByKind));
        r.put("attackStatus", plain(run.attackStatus));
        r.put("attackAcceptedByKind", plain(run.acceptedByKind));
        r.put("challengeFetches", run.challengeFetches.get());
        r.put("smsReceived", run.stub.received());
        r.put("smsDuplicates", run.stub.duplicates());
        r.put("unsolicitedSms", unsolicited);
        r.put("unsolicitedByKind", unsolicitedByKind);
        r.put("unsolicitedPer1000AttackRequests", attackRequests == 0 ? 0 : round(unsolicited * 1000.0 / attackRequests));
        r.put("maxSmsAnyUnsolicitedNumber", maxUnsolicited);
        r.put("maxSmsAnyVictim", maxVictim);
        r.put("numbersAboveHourlyCap", overHourlyCap);
        r.put("legitUsers", legitCount);
        r.put("legitCompleted", completed);
        r.put("legitCompletionRate", round((double) completed / legitCount));
        r.put("legitOutcomes", plain(run.legitOutcome));
        r.put("legitStatus", plain(run.legitStatus));
        r.put("legitSms", legitSms);
        r.put("maxSmsAnyLegitNumber", maxLegit);
        r.put("legitNumbersInAttackedPrefixes", legitInAttackedPrefixes);
        r.put("attackerSolves", run.attackerSolves.get());
        r.put("attackerSolvesByDifficulty", plainLong(run.solvesByDifficulty));
        r.put("attackerPowCpuSeconds", round(attackerCpu));
        r.put("attackerCpuSecondsPerUnsolicitedSms", unsolicited == 0 ? "n/a (none sent)" : round(attackerCpu / unsolicited));
        // what the same search costs a native solver on this machine (OpenSSL's SHA-256 rate, measured at start)
        double nativeSeconds = NATIVE_HASHES_PER_SECOND > 0 ? run.attackerHashes.get() / NATIVE_HASHES_PER_SECOND : -1;
        r.put("attackerHashes", run.attackerHashes.get());
        r.put("nativeSha256PerSecond", Math.round(NATIVE_HASHES_PER_SECOND));
        r.put("attackerNativeCpuSecondsPerUnsolicitedSms", nativeSeconds < 0 ? "n/a (no openssl)"
                : unsolicited == 0 ? "n/a (none sent; total " + round(nativeSeconds) + ")" : round(nativeSeconds / unsolicited));
        r.put("legitPowCpuSecondsMean", run.legitSolves.get() == 0 ? 0 : round(run.legitCpuNanos.get() / 1e9 / legitCount));
        r.put("attackLatencyMs", percentiles(run.attackLatency));
        r.put("legitCodeRequestLatencyMs", percentiles(run.legitLatency));
        r.put("legitFirstCodeMs", percentiles(run.legitFirstCode));
        r.put("transportErrors", run.transportErrors.get());
        r.put("stubUnauthorized", run.stub.unauthorized());
        return r;
    }

    private static void table(List<Map<String, Object>> results) {
        System.out.printf(Locale.ROOT, "%-9s %-7s %8s %7s %9s %7s %8s %9s %12s %14s %14s %18s%n", "mode", "config", "attack",
                "unsol.", "per 1000", "max/no", "legit %", "atk CPU s", "CPU s/unsol", "native s/unsol", "atk p50/p99 ms", "1st code p50/p95 ms");
        for (Map<String, Object> r : results) {
            @SuppressWarnings("unchecked") Map<String, Object> a = (Map<String, Object>) r.get("attackLatencyMs");
            @SuppressWarnings("unchecked") Map<String, Object> l = (Map<String, Object>) r.get("legitFirstCodeMs");
            System.out.printf(Locale.ROOT, "%-9s %-7s %8s %7s %9s %7s %8s %9s %12s %14s %14s %18s%n", r.get("mode"), r.get("config"),
                    r.get("attackRequests"), r.get("unsolicitedSms"), r.get("unsolicitedPer1000AttackRequests"),
                    r.get("maxSmsAnyUnsolicitedNumber"), r.get("legitCompletionRate"), r.get("attackerPowCpuSeconds"),
                    r.get("attackerCpuSecondsPerUnsolicitedSms"), r.get("attackerNativeCpuSecondsPerUnsolicitedSms"),
                    a.get("p50") + "/" + a.get("p99"), l.get("p50") + "/" + l.get("p95"));
        }
    }

    // ---------------------------------------------------------------- helpers

    static String codeRequest(String number, String purpose, String pow) {
        return "{\"channel\":\"SMS\",\"destination\":\"" + number + "\",\"purpose\":\"" + purpose + "\""
                + (pow == null ? "" : ",\"pow\":\"" + pow + "\"") + "}";
    }

    static long retryAfterMillis(MiniHttp.Response r) {
        try {
            return r.retryAfter() == null ? 1000 : Long.parseLong(r.retryAfter().trim()) * 1000;
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static String problemType(MiniHttp.Response r) {
        try {
            JsonNode type = JSON.readTree(r.body()).get("type");
            return type == null ? "?" : type.asString().replace("urn:benteng:problem:", "");
        } catch (Exception e) {
            return "?";
        }
    }

    /** A valid Malaysian mobile number, as libphonenumber sees it. */
    static String randomMobile(Random random) {
        String[] heads = {"+6011", "+6011", "+6011", "+6012", "+6013", "+6014", "+6016", "+6017", "+6018", "+6019"};
        while (true) {
            String head = heads[random.nextInt(heads.length)];
            String n = head + digits(random, head.equals("+6011") ? 8 : 7);
            if (isMobile(n)) {
                return n;
            }
        }
    }

    static boolean isMobile(String n) {
        try {
            PhoneNumberType t = PHONES.getNumberType(PHONES.parse(n, "MY"));
            return t == PhoneNumberType.MOBILE || t == PhoneNumberType.FIXED_LINE_OR_MOBILE;
        } catch (Exception e) {
            return false;
        }
    }

    static String digits(Random random, int count) {
        StringBuilder b = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    static Map<String, Object> percentiles(List<Long> nanos) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        Collections.sort(sorted);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", sorted.size());
        m.put("p50", sorted.isEmpty() ? 0 : round(sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))) / 1e6));
        m.put("p95", sorted.isEmpty() ? 0 : round(sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))) / 1e6));
        m.put("p99", sorted.isEmpty() ? 0 : round(sorted.get((int) Math.floor(0.99 * (sorted.size() - 1))) / 1e6));
        m.put("max", sorted.isEmpty() ? 0 : round(sorted.getLast() / 1e6));
        return m;
    }

    private static Map<String, Integer> plain(Map<String, AtomicInteger> m) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static Map<String, Integer> plainLong(Map<Long, AtomicInteger> m) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        m.forEach((k, v) -> out.put(Long.toString(k), v.get()));
        return out;
    }

    static void count(Map<String, AtomicInteger> m, String key) {
        m.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    static double round(double d) {
        return Math.round(d * 100) / 100.0;
    }

    static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Instant now() {
        return WALL.instant();
    }
}
