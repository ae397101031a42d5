package my.benteng.bench;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.Citizen;
import my.benteng.account.Citizens;
import my.benteng.account.Purpose;
import my.benteng.account.VerifiedContact;
import my.benteng.platform.Contact;
import my.benteng.platform.PhoneNumber;
import my.benteng.tracing.internal.ContactNotifier;
import my.benteng.tracing.internal.TracingRefusal;
import my.benteng.tracing.internal.TracingService;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Tracing at scale (issue 4): contact tracing of cases on a large synthetic check-in history, through
 * {@link TracingService} (the code the HTTP endpoint runs: case row, contact search, exposures committed).
 * <ol>
 *   <li><b>Load</b>: {@code --days} Kuala Lumpur days of {@code --rows-per-day} check-ins each, generated inside the
 *       database ({@code INSERT … SELECT} over a number series). On PostgreSQL the UTC day partitions are filled as
 *       UNLOGGED tables without indexes, two at a time, then indexed and attached to {@code checkin} (the indexes
 *       match the service's, so attaching builds nothing). Sized from the national data: per day the peak day's
 *       people and premises scaled to the row count, its half-hour profile, one shopping mall with 20,000 check-ins a
 *       day, 40 % checking out 10–120 min after checking in. With {@code --reuse} a database named {@code --database}
 *       that holds a finished load of the same size is used as it is.</li>
 *   <li><b>Cases</b> (period: all loaded days): {@code --cases} random people, {@code --mall-cases} people at the mall
 *       in its busiest half-hour, each recorded once ({@code TracingService.record}, what {@code POST /api/v1/cases}
 *       runs: the citizen, their cases, their visits, one transaction with the case, its windows and its audit event),
 *       p50/p95; re-runs of mall cases; then {@code --batch} further cases in ONE {@code TracingService.recordAll} (what
 *       {@code POST /api/v1/cases/batch} runs), wall time. Case people get a citizen account (set-up, not measured).
 *       Baseline in the same run, interleaved: a primary-key read of one case row.</li>
 *   <li><b>Risk status</b>, derived on read ({@code TracingService.status}): 200 people at the mall in its busiest
 *       half-hour (contacts of the mall cases) and 200 random people, p50/p95.</li>
 *   <li><b>Notifications</b>: the notification rounds the cases left due, run as the background notifier runs them
 *       (contacts found and notified per second); synthetic contacts have no accounts, so no outbox inserts.
 *       {@code --skip-notify} leaves them due.</li>
 * </ol>
 */
public final class TracingScale {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneId KL = ZoneId.of("Asia/Kuala_Lumpur");
    private static final int MALL_CHECKINS_PER_DAY = 20_000;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final long rowsPerDay;
    private final long sqliteRowsPerDay;
    private final int days;
    private final String database;
    private final boolean reuse;
    private final boolean drop;
    private final boolean skipNotify;
    private final int cases;
    private final int mallCases;
    private final int batch;
    private final double[] profile;
    private final Random random;

    private TracingScale(Map<String, String> o, Set<String> flags) {
        rowsPerDay = Long.parseLong(o.getOrDefault("rows-per-day", "34500000"));
        sqliteRowsPerDay = Long.parseLong(o.getOrDefault("sqlite-rows-per-day", "1000000"));
        days = Integer.parseInt(o.getOrDefault("days", "2"));
        database = o.getOrDefault("database", "benteng_tracing_scale");
        reuse = flags.contains("--reuse");
        drop = flags.contains("--drop");
        skipNotify = flags.contains("--skip-notify");
        cases = Integer.parseInt(o.getOrDefault("cases", "200"));
        mallCases = Integer.parseInt(o.getOrDefault("mall-cases", "50"));
        batch = Integer.parseInt(o.getOrDefault("batch", "1000"));
        profile = NationalData.busiestDayProfile(NationalData.directory(o.get("data")));
        // seeded from the clock: with --reuse every run needs case people who are not cases yet (a workload, not a secret)
        random = new Random(Long.parseLong(o.getOrDefault("seed", Long.toString(System.nanoTime()))));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = AttackReplay.options(args);
        Set<String> flags = new HashSet<>(Arrays.asList(args));
        TracingScale bench = new TracingScale(o, flags);
        List<Map<String, Object>> all = new ArrayList<>();
        for (String mode : o.getOrDefault("modes", "scaleout,embedded").split(",")) {
            all.add(bench.mode(mode));
        }
        System.out.println();
        System.out.println(JSON.writeValueAsString(Map.of("benchmark", "tracing-scale", "cores", Runtime.getRuntime().availableProcessors(),
                "java", Runtime.version().toString(), "results", all)));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-9s %12s %10s %18s %18s %14s %14s %18s %16s%n", "mode", "rows", "load s", "case p50/p95 ms",
                "mall p50/p95 ms", "mall contacts", "batch wall s", "risk p50/p95 ms", "pk read p50 ms");
        for (Map<String, Object> m : all) {
            Map<String, Object> c = map(m, "randomCaseMs");
            Map<String, Object> mall = map(m, "mallCaseMs");
            Map<String, Object> risk = map(m, "riskStatusMallContactMs");
            System.out.printf(Locale.ROOT, "%-9s %12s %10s %18s %18s %14s %14s %18s %16s%n", m.get("mode"), m.get("rowsInTable"),
                    m.get("loadSeconds"), c.get("p50") + "/" + c.get("p95"), mall.get("p50") + "/" + mall.get("p95"),
                    m.get("mallCaseMeanContacts"), map(m, "batch").get("wallSeconds"), risk.get("p50") + "/" + risk.get("p95"),
                    map(m, "baselinePrimaryKeyReadMs").get("p50"));
        }
        System.exit(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.getOrDefault(key, Map.of());
    }

    private Map<String, Object> mode(String mode) throws Exception {
        boolean pg = mode.equals("scaleout");
        long perDay = pg ? rowsPerDay : sqliteRowsPerDay;
        String signature = days + "x" + perDay;
        System.err.println("== tracing-scale: " + mode + ", " + days + " days of " + perDay + " check-ins");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", mode);
        out.put("loadAverageAtStart", ShieldThroughput.loadAverage());
        String loaded = pg ? prepareDatabase(signature) : null;
        try (SmsStub stub = new SmsStub("bench-token-" + Long.toHexString(random.nextLong()));
             BenchService service = BenchService.start(mode, stub,
                     // the notifier is drained and timed on its own below, not racing the measured cases
                     Map.of("benteng.tracing.notify-in-background", "false"), pg ? database : null)) {
            JdbcClient jdbc = service.context.getBean(JdbcClient.class);
            // the last KL day ends in the UTC day before yesterday: the service creates partitions from yesterday on
            LocalDate lastDay = loaded != null ? LocalDate.parse(loaded.substring(loaded.indexOf('@') + 1)) : LocalDate.now(ZoneOffset.UTC).minusDays(2);
            LocalDate firstDay = lastDay.minusDays(days - 1);
            SyntheticDays synthetic = new SyntheticDays(firstDay, perDay);
            if (loaded == null) {
                long t0 = System.nanoTime();
                if (pg) {
                    synthetic.loadPostgres(database);
                    jdbc.sql("CREATE TABLE bench_tracing_scale (signature VARCHAR(64) NOT NULL)").update();
                    jdbc.sql("INSERT INTO bench_tracing_scale VALUES (:s)").param("s", signature + "@" + lastDay).update();
                } else {
                    synthetic.loadSqlite(service);
                }
                out.put("loadSeconds", AttackReplay.round((System.nanoTime() - t0) / 1e9));
            } else {
                out.put("loadSeconds", "reused");
            }
            out.put("rowsInTable", jdbc.sql("SELECT COUNT(*) FROM checkin").query(Long.class).single());
            out.put("syntheticDays", synthetic.describe());
            out.putAll(trace(service, synthetic));
            out.put("loadAverageAtEnd", ShieldThroughput.loadAverage());
        }
        if (pg && drop) {
            try (Connection c = DriverManager.getConnection(BenchService.PG_ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
            System.err.println("dropped database " + database);
        } else if (pg) {
            System.err.println("kept database " + database + " for --reuse (drop it with --drop, or DROP DATABASE " + database + ")");
        }
        return out;
    }

    /**
     * With --reuse and a finished load of the same size, returns its signature ({@code days x rows @ last day});
     * otherwise drops the database (the service will create it again) and returns null.
     */
    private String prepareDatabase(String signature) throws Exception {
        String found = null;
        try (Connection c = DriverManager.getConnection(BenchService.PG_ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                exists = rs.next();
            }
            if (exists && reuse) {
                try (Connection d = DriverManager.getConnection(url(database), "postgres", ""); Statement q = d.createStatement();
                     ResultSet rs = q.executeQuery("SELECT signature FROM bench_tracing_scale")) {
                    found = rs.next() ? rs.getString(1) : null;
                } catch (java.sql.SQLException e) {
                    found = null; // no finished load
                }
            }
            if (found != null && found.startsWith(signature + "@")) {
                System.err.println("reusing database " + database + " (" + found + ")");
                return found;
            }
            if (exists) {
                System.err.println("dropping database " + database + (reuse ? " (no finished load of this size)" : ""));
                s.execute("DROP DATABASE " + database + " WITH (FORCE)");
            }
        }
        return null;
    }

    private static String url(String db) {
        return "jdbc:postgresql://127.0.0.1:5432/" + db;
    }

    // ---------------------------------------------------------------- synthetic days

    /** Check-ins of whole Kuala Lumpur days, generated by the database itself. */
    private final class SyntheticDays {

        final LocalDate firstDay;
        final long perDay;
        final long people;
        final long premises;

        SyntheticDays(LocalDate firstDay, long perDay) {
            this.firstDay = firstDay;
            this.perDay = perDay;
            double scale = (double) perDay / NationalData.PEAK_CHECKINS;
            this.people = Math.max(10, Math.round(NationalData.PEAK_PEOPLE * scale));
            this.premises = Math.max(10, Math.round(NationalData.PEAK_PREMISES * scale));
        }

        Instant start() {
            return firstDay.atStartOfDay(KL).toInstant();
        }

        Instant end() {
            return firstDay.plusDays(days).atStartOfDay(KL).toInstant();
        }

        Map<String, Object> describe() {
            return Map.of("klDays", firstDay + ".." + firstDay.plusDays(days - 1), "checkinsPerDay", perDay, "people", people,
                    "premises", premises, "mallCheckinsPerDay", Math.min(MALL_CHECKINS_PER_DAY, perDay / 2),
                    "busiestHalfHourKl", NationalData.busiest(profile));
        }

        /**
         * 1,000 characters, each a half-hour (as {@code '0' + k}) in proportion to the profile: a uniform pick of
         * one character is a draw from the day's half-hour distribution, in SQL on either database.
         */
        String slots() {
            double total = NationalData.sum(profile);
            StringBuilder b = new StringBuilder(1000);
            double cumulative = 0;
            int k = 0;
            for (int i = 0; i < 1000; i++) {
                double x = (i + 0.5) / 1000 * total;
                while (k < 47 && cumulative + profile[k] <= x) {
                    cumulative += profile[k];
                    k++;
                }
                b.append((char) ('0' + k));
            }
            return b.toString();
        }

        /** One INSERT … SELECT over the row numbers [lo, hi) of day {@code d}; dialect-specific functions only. */
        String insert(boolean pg, String table, String series, int d) {
            String rnd = pg ? "floor(random() * %d)::int" : "(abs(random()) %% %d)";
            String hex = pg ? "lpad(to_hex(%s), 12, '0')" : "printf('%%012x', %s)";
            String code = pg ? "ascii" : "unicode";
            long mall = Math.min(MALL_CHECKINS_PER_DAY, perDay / 2);
            long dayStart = firstDay.plusDays(d).atStartOfDay(KL).toInstant().toEpochMilli();
            // ids as CheckinScale's: citizens ...-9000-<n>, premises ...-8000-<n> (the mall is 0), check-ins ...-a000-<n> per day
            return "INSERT INTO " + table + " (id, citizen_id, premises_id, checked_in_at, checked_out_at)"
                    + " SELECT '" + String.format("%08x", d) + "-0000-4000-a000-' || " + String.format(hex, "n")
                    + ", '00000000-0000-4000-9000-' || " + String.format(hex, String.format(rnd, people))
                    + ", '00000000-0000-4000-8000-' || " + String.format(hex, "CASE WHEN n < " + mall + " THEN 0 ELSE 1 + "
                    + String.format(rnd, premises - 1) + " END")
                    + ", a, CASE WHEN " + String.format(rnd, 10) + " < 4 THEN a + 600000 + " + String.format(rnd, 6_600_000) + " END"
                    + " FROM (SELECT n, " + dayStart + " + (" + code + "(substr(?, 1 + " + String.format(rnd, 1000) + ", 1)) - 48) * 1800000 + "
                    + String.format(rnd, 1_800_000) + " AS a FROM " + series + ") g";
        }

        /** PostgreSQL: fill UNLOGGED day partitions of a scratch table, index them two at a time, attach them to checkin. */
        void loadPostgres(String db) throws Exception {
            String slots = slots();
            LocalDate firstUtc = firstDay.minusDays(1);
            LocalDate lastUtc = firstDay.plusDays(days - 1);
            List<String> parts = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url(db), "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_load (id VARCHAR(36) NOT NULL, citizen_id VARCHAR(36) NOT NULL, premises_id VARCHAR(36) NOT NULL,"
                        + " checked_in_at BIGINT NOT NULL, checked_out_at BIGINT, dependants VARCHAR(4100)) PARTITION BY RANGE (checked_in_at)");
                for (LocalDate u = firstUtc; !u.isAfter(lastUtc); u = u.plusDays(1)) {
                    String name = "checkin_p" + DAY.format(u);
                    s.execute("CREATE UNLOGGED TABLE " + name + " PARTITION OF bench_load FOR VALUES FROM (" + lo(u) + ") TO (" + lo(u.plusDays(1)) + ")");
                    parts.add(name);
                }
            }
            // generate: one connection per KL day, 5 M rows per statement and transaction
            long t0 = System.nanoTime();
            List<Runnable> jobs = new ArrayList<>();
            long step = 5_000_000;
            for (int d = 0; d < days; d++) {
                for (long lo = 0; lo < perDay; lo += step) {
                    int day = d;
                    long from = lo;
                    long to = Math.min(perDay, lo + step);
                    jobs.add(() -> sql(db, List.of(), insert(true, "bench_load", "generate_series(" + from + ", " + (to - 1) + ") n", day), slots));
                }
            }
            parallel(jobs, 2);
            System.err.printf(Locale.ROOT, "load: %d rows generated in %.0f s%n", perDay * days, (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            try (Connection c = DriverManager.getConnection(url(db), "postgres", ""); Statement s = c.createStatement()) {
                for (String p : parts) {
                    s.execute("ALTER TABLE bench_load DETACH PARTITION " + p);
                }
                s.execute("DROP TABLE bench_load");
            }
            // index: the service's indexes of checkin (V9, V31) under the partition, so ATTACH adopts them
            List<Runnable> index = new ArrayList<>();
            for (LocalDate u = lastUtc; !u.isBefore(firstUtc); u = u.minusDays(1)) {
                String p = "checkin_p" + DAY.format(u);
                long lo = lo(u);
                long hi = lo(u.plusDays(1));
                // VACUUM too: it sets the visibility map, without which an index-only scan still reads the heap
                index.add(() -> sql(db, List.of("SET maintenance_work_mem = '1GB'", "SET max_parallel_maintenance_workers = 0",
                        "ALTER TABLE " + p + " ADD PRIMARY KEY (id, checked_in_at)",
                        "CREATE INDEX ON " + p + " (citizen_id, checked_in_at)",
                        "CREATE INDEX ON " + p + " (premises_id, checked_in_at) INCLUDE (checked_out_at, citizen_id)",
                        "CREATE INDEX ON " + p + " (checked_in_at)",
                        "ALTER TABLE " + p + " ADD CONSTRAINT " + p + "_range CHECK (checked_in_at >= " + lo + " AND checked_in_at < " + hi + ")",
                        "ALTER TABLE checkin ATTACH PARTITION " + p + " FOR VALUES FROM (" + lo + ") TO (" + hi + ")",
                        "ALTER TABLE " + p + " DROP CONSTRAINT " + p + "_range",
                        "VACUUM (ANALYZE) " + p), null, null));
            }
            parallel(index, 2);
            System.err.printf(Locale.ROOT, "load: indexed and attached in %.0f s%n", (System.nanoTime() - t0) / 1e9);
        }

        /** SQLite: through the service's own connection, 100,000 rows per transaction, indexes in place. */
        void loadSqlite(BenchService service) throws Exception {
            String slots = slots();
            javax.sql.DataSource ds = service.context.getBean(javax.sql.DataSource.class);
            long step = 100_000;
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                for (int d = 0; d < days; d++) {
                    for (long lo = 0; lo < perDay; lo += step) {
                        long hi = Math.min(perDay, lo + step);
                        String series = "(WITH RECURSIVE s(n) AS (SELECT " + lo + " UNION ALL SELECT n + 1 FROM s WHERE n < " + (hi - 1) + ") SELECT n FROM s)";
                        try (PreparedStatement ps = c.prepareStatement(insert(false, "checkin", series, d))) {
                            ps.setString(1, slots);
                            ps.executeUpdate();
                        }
                        c.commit();
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("ANALYZE");
                }
                c.commit();
            }
        }

        private long lo(LocalDate utcDay) {
            return utcDay.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }

        String citizen(long n) {
            return String.format("00000000-0000-4000-9000-%012x", n);
        }

        String mall() {
            return String.format("00000000-0000-4000-8000-%012x", 0);
        }
    }

    /** Runs {@code statements} one by one (auto-commit), then {@code sql} with the slots string bound, if given. */
    private static void sql(String db, List<String> statements, String sql, String slots) {
        try (Connection c = DriverManager.getConnection(url(db), "postgres", "")) {
            try (Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            }
            if (sql != null) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setString(1, slots);
                    ps.executeUpdate();
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void parallel(List<Runnable> jobs, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable job : jobs) {
                futures.add(pool.submit(job));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }

    // ---------------------------------------------------------------- cases

    private Map<String, Object> trace(BenchService service, SyntheticDays synthetic) throws Exception {
        TracingService tracing = service.context.getBean(TracingService.class);
        Citizens citizens = service.context.getBean(Citizens.class);
        JdbcClient jdbc = service.context.getBean(JdbcClient.class);
        ContactNotifier notifier = service.context.getBean(ContactNotifier.class);
        AccountPrincipal officer = new AccountPrincipal(AccountKind.STAFF, UUID.randomUUID().toString(), Set.of("HEALTH_OFFICER"), "bench");
        String from = synthetic.start().toString();
        String to = synthetic.end().toString();

        // case people: synthetic people who checked in, given an account (their check-ins move to the account's id)
        long t0 = System.nanoTime();
        List<String> warm = casePeople(synthetic, citizens, jdbc, 20);
        List<String> randomCases = casePeople(synthetic, citizens, jdbc, cases);
        List<String> batchCases = casePeople(synthetic, citizens, jdbc, batch);
        List<String> httpBatchCases = casePeople(synthetic, citizens, jdbc, batch);
        List<String> mall = mallPeople(synthetic, citizens, jdbc, mallCases + 5);
        jdbc.sql("ANALYZE tracing_case").update();
        System.err.printf(Locale.ROOT, "cases: %d people prepared in %.0f s%n", warm.size() + randomCases.size() + batchCases.size() + mall.size(),
                (System.nanoTime() - t0) / 1e9);

        List<Long> baseline = Collections.synchronizedList(new ArrayList<>());
        String[] lastCase = {null};
        for (String p : warm) {
            lastCase[0] = tracing.record(officer, p, null, from, to).caseId();
        }
        for (String p : mall.subList(0, 5)) {
            tracing.record(officer, p, null, from, to);
        }
        List<Long> randomNanos = new ArrayList<>();
        long randomVisits = 0;
        for (String p : randomCases) {
            long s = System.nanoTime();
            TracingService.Traced t = tracing.record(officer, p, null, from, to);
            randomNanos.add(System.nanoTime() - s);
            randomVisits += t.caseVisits();
            baseline.add(primaryKeyRead(jdbc, lastCase[0]));
            lastCase[0] = t.caseId();
        }
        List<Long> mallNanos = new ArrayList<>();
        List<String> mallCaseIds = new ArrayList<>();
        for (String p : mall.subList(5, mall.size())) {
            long s = System.nanoTime();
            TracingService.Traced t = tracing.record(officer, p, null, from, to);
            mallNanos.add(System.nanoTime() - s);
            mallCaseIds.add(t.caseId());
            baseline.add(primaryKeyRead(jdbc, lastCase[0]));
        }
        List<Long> retraceNanos = new ArrayList<>();
        for (String id : mallCaseIds.subList(0, Math.min(20, mallCaseIds.size()))) {
            long s = System.nanoTime();
            tracing.retrace(officer, id);
            retraceNanos.add(System.nanoTime() - s);
        }

        // the batch: all of them in ONE request's work (TracingService.recordAll, what POST /api/v1/cases/batch runs)
        List<TracingService.CaseInput> inputs = batchCases.stream().map(p -> new TracingService.CaseInput(p, null, from, to)).toList();
        long b0 = System.nanoTime();
        List<TracingService.Outcome> outcomes = tracing.recordAll(officer, inputs);
        double batchSeconds = (System.nanoTime() - b0) / 1e9;
        Map<String, Integer> failures = new java.util.TreeMap<>();
        for (TracingService.Outcome o : outcomes) {
            String refused = switch (o) { // named by the problem slugs POST /api/v1/cases/batch answers
                case TracingService.Outcome.Recorded r -> null;
                case TracingService.Outcome.Invalid i -> "invalid-request";
                case TracingRefusal.CitizenNotFound c -> "citizen-not-found";
                case TracingRefusal.CaseExists c -> "case-exists";
            };
            if (refused != null) {
                failures.merge(refused, 1, Integer::sum);
            }
        }
        // the same through the HTTP endpoint: one POST /api/v1/cases/batch with an officer's bearer session
        String token = service.context.getBean(my.benteng.account.Sessions.class)
                .issue(new my.benteng.account.AccountRef(AccountKind.STAFF, UUID.randomUUID().toString()), Set.of("HEALTH_OFFICER")).token();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        for (int w = 0; w < 3; w++) { // warm-up: the warm-up people's cases again (re-runs), so the HTTP and JSON path is compiled
            http.send(batchRequest(service, token, warm, from, to), java.net.http.HttpResponse.BodyHandlers.ofString());
        }
        java.net.http.HttpRequest request = batchRequest(service, token, httpBatchCases, from, to);
        long requestBytes = request.bodyPublisher().orElseThrow().contentLength();
        long h0 = System.nanoTime();
        java.net.http.HttpResponse<String> httpAnswer = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        double httpSeconds = (System.nanoTime() - h0) / 1e9;
        int recordedOverHttp = httpAnswer.statusCode() == 200
                ? JSON.readTree(httpAnswer.body()).path("recorded").asInt() : -httpAnswer.statusCode();

        // risk status, derived on read: contacts of the mall cases (at the mall in its busiest half-hour) and random people
        List<String> mallContacts = jdbc.sql("SELECT citizen_id FROM checkin WHERE premises_id = :m AND checked_in_at >= :a AND checked_in_at < :b LIMIT 200")
                .param("m", synthetic.mall()).param("a", synthetic.start().toEpochMilli() + NationalData.busiest(profile) * 1_800_000L)
                .param("b", synthetic.start().toEpochMilli() + NationalData.busiest(profile) * 1_800_000L + 1_800_000L).query(String.class).list();
        List<Long> riskContactNanos = new ArrayList<>();
        int atRisk = 0;
        for (String c : mallContacts) {
            long s = System.nanoTime();
            TracingService.Status st = tracing.status(new AccountPrincipal(AccountKind.CITIZEN, c, Set.of("CITIZEN"), "bench"));
            riskContactNanos.add(System.nanoTime() - s);
            atRisk += st.status() == my.benteng.tracing.RiskStatus.CASUAL_CONTACT ? 1 : 0;
        }
        List<Long> riskRandomNanos = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String c = synthetic.citizen((long) (random.nextDouble() * synthetic.people));
            long s = System.nanoTime();
            tracing.status(new AccountPrincipal(AccountKind.CITIZEN, c, Set.of("CITIZEN"), "bench"));
            riskRandomNanos.add(System.nanoTime() - s);
            baseline.add(primaryKeyRead(jdbc, lastCase[0]));
        }

        // the notification rounds the cases left due, run as the background notifier does: contacts found and notified
        long due = jdbc.sql("SELECT COUNT(*) FROM tracing_case WHERE notify_pending = 1").query(Long.class).single();
        long n0 = System.nanoTime();
        long rounds = 0;
        while (!skipNotify && notifier.notifyDue() > 0) {
            rounds++;
        }
        double notifySeconds = (System.nanoTime() - n0) / 1e9;
        long contactsFound = jdbc.sql("SELECT COALESCE(SUM(contacts), 0) FROM tracing_case WHERE notify_pending = 0").query(Long.class).single();
        Map<String, Object> mallRound = jdbc.sql("SELECT AVG(contacts) AS c FROM tracing_case WHERE id IN (:ids) AND notify_pending = 0")
                .param("ids", mallCaseIds).query().singleRow();

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("infectiousPeriod", from + "/" + to);
        m.put("randomCases", randomNanos.size());
        m.put("randomCaseMeanVisits", randomNanos.isEmpty() ? 0 : AttackReplay.round((double) randomVisits / randomNanos.size()));
        m.put("randomCaseMs", NationalData.summary(randomNanos, 50, 95, 99));
        m.put("mallCases", mallNanos.size());
        m.put("mallCaseMeanContacts", mallRound.get("c") == null ? "not notified (--skip-notify)" : AttackReplay.round(((Number) mallRound.get("c")).doubleValue()));
        m.put("mallCaseMs", NationalData.summary(mallNanos, 50, 95, 99));
        m.put("mallRetraceMs", NationalData.summary(retraceNanos, 50, 95));
        m.put("batch", Map.of("cases", batchCases.size(), "requests", 1, "refused", failures, "wallSeconds", AttackReplay.round(batchSeconds),
                "casesPerSecond", AttackReplay.round(batchCases.size() / batchSeconds)));
        m.put("batchOverHttp", Map.of("cases", httpBatchCases.size(), "requestBytes", requestBytes, "status", httpAnswer.statusCode(),
                "recorded", recordedOverHttp, "wallSeconds", AttackReplay.round(httpSeconds)));
        m.put("riskStatusMallContactMs", NationalData.summary(riskContactNanos, 50, 95, 99));
        m.put("riskStatusMallContactsAtRisk", atRisk + "/" + mallContacts.size());
        m.put("riskStatusRandomPersonMs", NationalData.summary(riskRandomNanos, 50, 95, 99));
        m.put("notifier", Map.of("roundsDue", due, "rounds", rounds, "contactsFound", contactsFound, "seconds", AttackReplay.round(notifySeconds),
                "contactsPerSecond", AttackReplay.round(contactsFound / Math.max(1e-9, notifySeconds))));
        m.put("baselinePrimaryKeyReadMs", NationalData.summary(baseline, 50, 95));
        return m;
    }

    /** {@code POST /api/v1/cases/batch} for these citizens, all with the same period. */
    private static java.net.http.HttpRequest batchRequest(BenchService service, String token, List<String> citizenIds, String from, String to) {
        StringBuilder body = new StringBuilder("{\"cases\":[");
        for (int i = 0; i < citizenIds.size(); i++) {
            body.append(i == 0 ? "" : ",").append("{\"citizenId\":\"").append(citizenIds.get(i)).append("\",\"infectiousFrom\":\"")
                    .append(from).append("\",\"infectiousTo\":\"").append(to).append("\"}");
        }
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.address.getPort() + "/api/v1/cases/batch"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.append("]}").toString())).build();
    }

    private static long primaryKeyRead(JdbcClient jdbc, String caseId) {
        long s = System.nanoTime();
        jdbc.sql("SELECT id, citizen_id, infectious_from, infectious_to, version FROM tracing_case WHERE id = :id").param("id", caseId)
                .query((rs, n) -> rs.getString(1)).list();
        return System.nanoTime() - s;
    }

    /** {@code count} synthetic people with check-ins in the period, each given a new citizen account. */
    private List<String> casePeople(SyntheticDays synthetic, Citizens citizens, JdbcClient jdbc, int count) {
        List<String> ids = new ArrayList<>();
        while (ids.size() < count) {
            String person = synthetic.citizen((long) (random.nextDouble() * synthetic.people));
            String account = account(citizens);
            int moved = jdbc.sql("UPDATE checkin SET citizen_id = :a WHERE citizen_id = :p").param("a", account).param("p", person).update();
            if (moved > 0) {
                ids.add(account);
            }
        }
        return ids;
    }

    /** {@code count} new people who check in at the mall in its busiest half-hour of the first day (no check-out). */
    private List<String> mallPeople(SyntheticDays synthetic, Citizens citizens, JdbcClient jdbc, int count) {
        long peak = synthetic.start().toEpochMilli() + NationalData.busiest(profile) * 1_800_000L;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String account = account(citizens);
            jdbc.sql("INSERT INTO checkin (id, citizen_id, premises_id, checked_in_at, checked_out_at) VALUES (:id, :c, :p, :at, NULL)")
                    .param("id", UUID.randomUUID().toString()).param("c", account).param("p", synthetic.mall())
                    .param("at", peak + random.nextInt(1_800_000)).update();
            ids.add(account);
        }
        return ids;
    }

    private String account(Citizens citizens) {
        Citizen c = citizens.findOrRegister(new VerifiedContact(Contact.of(PhoneNumber.parse(AttackReplay.randomMobile(random))), Purpose.SIGN_UP),
                "Kes Bench");
        return c.id().value();
    }
}
