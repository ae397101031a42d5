package my.benteng.bench;

import com.sun.net.httpserver.HttpServer;
import my.benteng.BentengApplication;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Minutes;
import my.benteng.messaging.OtpCode;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.platform.Contact;
import my.benteng.platform.PhoneNumber;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Outbox throughput: how many messages per second go from {@code Messaging.enqueue} (committed in
 * transactions of {@code --tx-size}) to "accepted by the gateway and recorded as SENT", with the SMS
 * gateway a local JDK HTTP stub, on SQLite and on PostgreSQL. The baseline, measured in the same run
 * against the same stub with the same HTTP client set-up, is N bare POSTs of the same JSON — once one
 * after the other and once with as many in flight as the dispatcher's batch size.
 *
 * <pre>java -jar bench/target/benteng-bench.jar outbox [--messages=5000] [--rounds=5] [--databases=sqlite,postgresql]</pre>
 */
public final class OutboxThroughputBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TEXT = "Benteng: Kod pengesahan anda ialah 123456. Sah selama 5 minit. Jangan kongsi kod ini dengan sesiapa.";

    private final int messages;
    private final int rounds;
    private final int warmup;
    private final int txSize;
    private final int batchSize;
    private final List<String> databases;
    private final String pgAdminUrl;
    private final String pgUser;
    private final Stub stub;
    private final AtomicInteger phoneSeq = new AtomicInteger();

    private OutboxThroughputBenchmark(Map<String, String> o, Stub stub) {
        this.messages = Integer.parseInt(o.getOrDefault("messages", "5000"));
        this.rounds = Integer.parseInt(o.getOrDefault("rounds", "5"));
        this.warmup = Integer.parseInt(o.getOrDefault("warmup", "1"));
        this.txSize = Integer.parseInt(o.getOrDefault("tx-size", "100"));
        this.batchSize = Integer.parseInt(o.getOrDefault("batch-size", "50"));
        this.databases = Arrays.asList(o.getOrDefault("databases", "sqlite,postgresql").split(","));
        this.pgAdminUrl = o.getOrDefault("pg-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
        this.pgUser = o.getOrDefault("pg-user", "postgres");
        this.stub = stub;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        try (Stub stub = new Stub()) {
            new OutboxThroughputBenchmark(options, stub).run();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        Map<String, List<Double>> results = new LinkedHashMap<>();
        results.put("http_sequential", measure(() -> bareHttp(1)));
        results.put("http_parallel_" + batchSize, measure(() -> bareHttp(batchSize)));
        for (String db : databases) {
            try (Service service = db.equals("postgresql") ? Service.postgres(this) : Service.sqlite(this)) {
                results.put("outbox_" + db, measure(() -> outbox(service)));
            }
        }
        report(results);
    }

    /** Warm-up rounds, then measured rounds; returns messages per second of each measured round. */
    private List<Double> measure(Round round) throws Exception {
        for (int i = 0; i < warmup; i++) {
            round.run();
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            rates.add(round.run());
        }
        return rates;
    }

    @FunctionalInterface
    private interface Round {
        double run() throws Exception;
    }

    /** N POSTs of the gateway JSON, {@code inFlight} at a time, with the client the SMS channel builds. */
    private double bareHttp(int inFlight) throws Exception {
        RestClient client = smsClient();
        stub.reset();
        long start = System.nanoTime();
        Semaphore permits = new Semaphore(inFlight);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < messages; i++) {
                permits.acquire();
                String body = JSON.writeValueAsString(Map.of("to", nextPhone().e164(), "text", TEXT, "reference", UUID.randomUUID().toString()));
                threads.submit(() -> {
                    try {
                        client.post().uri(stub.url()).header(HttpHeaders.AUTHORIZATION, "Bearer bench")
                                .contentType(MediaType.APPLICATION_JSON).body(body)
                                .exchange((req, res) -> res.getStatusCode().value());
                    } finally {
                        permits.release();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(stub.received() == messages, "stub saw " + stub.received() + " of " + messages);
        return messages / seconds;
    }

    /** Enqueue N OTP messages in transactions of txSize, wait until all are accepted and recorded as SENT. */
    private double outbox(Service service) throws Exception {
        stub.reset();
        long before = service.sent();
        long start = System.nanoTime();
        for (int done = 0; done < messages; done += txSize) {
            int size = Math.min(txSize, messages - done);
            service.tx.executeWithoutResult(s -> {
                for (int i = 0; i < size; i++) {
                    service.messaging.enqueue(Template.OTP_CODE, Contact.of(nextPhone()),
                            TemplateParameters.of("code", OtpCode.of("123456"), "minutes", Minutes.of(5)));
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (service.sent() - before < messages) {
            check(System.nanoTime() < deadline, "outbox did not drain in 10 minutes");
            Thread.sleep(2);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        check(stub.received() == messages && stub.duplicates() == 0,
                "stub saw " + stub.received() + " requests, " + stub.duplicates() + " duplicate references");
        return messages / seconds;
    }

    private RestClient smsClient() {
        // the same construction as the SMS HTTP channel (JDK HttpClient, HTTP/1.1, 2 s connect, 5 s read)
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(Duration.ofSeconds(5));
        return RestClient.builder().requestFactory(factory).build();
    }

    private PhoneNumber nextPhone() {
        return PhoneNumber.parse(String.format("+6012%07d", phoneSeq.incrementAndGet() % 10_000_000));
    }

    private void report(Map<String, List<Double>> results) {
        Map<String, Double> medians = new LinkedHashMap<>();
        results.forEach((k, v) -> medians.put(k, median(v)));
        double baseline = medians.get("http_parallel_" + batchSize);
        StringBuilder json = new StringBuilder("{\"benchmark\":\"outbox-throughput\",\"messages\":" + messages + ",\"rounds\":" + rounds
                + ",\"warmup\":" + warmup + ",\"txSize\":" + txSize + ",\"batchSize\":" + batchSize
                + ",\"cores\":" + Runtime.getRuntime().availableProcessors() + ",\"java\":\"" + Runtime.version() + "\",\"results\":{");
        boolean first = true;
        for (var e : results.entrySet()) {
            json.append(first ? "" : ",").append('"').append(e.getKey()).append("\":{\"medianPerSecond\":")
                    .append(fmt(medians.get(e.getKey()))).append(",\"ratioToHttpParallel\":")
                    .append(fmt(medians.get(e.getKey()) / baseline)).append(",\"rounds\":")
                    .append(e.getValue().stream().map(OutboxThroughputBenchmark::fmt).toList()).append('}');
            first = false;
        }
        System.out.println(json.append("}}"));
        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %14s %12s%n", "measurement", "median msg/s", "vs parallel HTTP");
        medians.forEach((k, v) -> System.out.printf(Locale.ROOT, "%-22s %14.0f %12.2f%n", k, v, v / baseline));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** The service's Spring context (no web server) on one database, SMS going to the stub. */
    private static final class Service implements AutoCloseable {
        final ConfigurableApplicationContext context;
        final Messaging messaging;
        final TransactionTemplate tx;
        final JdbcClient jdbc;
        final Runnable cleanup;

        private Service(Map<String, String> properties, Runnable cleanup) {
            Map<String, String> all = new LinkedHashMap<>(properties);
            all.put("logging.level.root", "WARN");
            all.put("springdoc.api-docs.enabled", "false");
            all.put("benteng.dev-tools", "false");
            all.put("benteng.messaging.recipient-key", "bench-recipient-key-0123456789abcdef");
            all.put("benteng.messaging.sms.mode", "provider");
            all.put("benteng.messaging.sms.daily-cap", "1000000");
            all.put("benteng.messaging.sms.monthly-cap", "10000000");
            // the platform's security configuration needs a servlet context, so the web server runs, on a free
            // loopback port, unused; everything measured goes through the Messaging API
            all.put("server.port", "0");
            all.put("server.address", "127.0.0.1");
            // as command-line arguments: they override application.yml (builder properties would only be defaults)
            String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            this.context = new SpringApplicationBuilder(BentengApplication.class).web(WebApplicationType.SERVLET).run(args);
            this.messaging = context.getBean(Messaging.class);
            this.tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
            this.jdbc = context.getBean(JdbcClient.class);
            this.cleanup = cleanup;
        }

        static Service sqlite(OutboxThroughputBenchmark b) throws IOException {
            Path dir = Files.createTempDirectory("benteng-bench-");
            return new Service(Map.of("benteng.data-dir", dir.toString(), "benteng.messaging.sms.http.url", b.stub.url().toString(),
                    "benteng.messaging.dispatcher.batch-size", Integer.toString(b.batchSize)), () -> deleteTree(dir));
        }

        static Service postgres(OutboxThroughputBenchmark b) throws Exception {
            String db = "benteng_bench_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
            try (Connection c = DriverManager.getConnection(b.pgAdminUrl, b.pgUser, ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + db);
            }
            Path dir = Files.createTempDirectory("benteng-bench-");
            Runnable drop = () -> {
                try (Connection c = DriverManager.getConnection(b.pgAdminUrl, b.pgUser, ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                } catch (Exception e) {
                    System.err.println("could not drop " + db + ": " + e.getMessage());
                }
                deleteTree(dir);
            };
            try {
                return new Service(Map.of("benteng.data-dir", dir.toString(),
                        "spring.datasource.url", b.pgAdminUrl.substring(0, b.pgAdminUrl.lastIndexOf('/') + 1) + db,
                        "spring.datasource.username", b.pgUser, "spring.datasource.password", "",
                        "benteng.messaging.sms.http.url", b.stub.url().toString(),
                        "benteng.messaging.dispatcher.batch-size", Integer.toString(b.batchSize)), drop);
            } catch (RuntimeException e) {
                drop.run();
                throw e;
            }
        }

        long sent() {
            return jdbc.sql("SELECT COUNT(*) FROM messaging_outbox WHERE status = 'SENT'").query(Long.class).single();
        }

        @Override
        public void close() {
            context.close();
            cleanup.run();
        }

        private static void deleteTree(Path dir) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory
            }
        }
    }

    /** The SMS gateway: JDK HttpServer on a free loopback port, 200 for everything, counts references. */
    private static final class Stub implements AutoCloseable {
        private final HttpServer server;
        private final AtomicInteger received = new AtomicInteger();
        private final Set<String> references = ConcurrentHashMap.newKeySet();
        private final AtomicInteger duplicates = new AtomicInteger();

        Stub() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.createContext("/sms", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                int at = body.indexOf("\"reference\":\"");
                String reference = at < 0 ? "" : body.substring(at + 13, body.indexOf('"', at + 13));
                if (!references.add(reference)) {
                    duplicates.incrementAndGet();
                }
                received.incrementAndGet();
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/sms");
        }

        void reset() {
            received.set(0);
            duplicates.set(0);
            references.clear();
        }

        int received() {
            return received.get();
        }

        int duplicates() {
            return duplicates.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
