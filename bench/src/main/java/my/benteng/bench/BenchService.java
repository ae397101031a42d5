package my.benteng.bench;

import my.benteng.BentengApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole service (web server on a free loopback port) started in this JVM with command-line properties,
 * on the embedded default (SQLite in a temporary data directory, in-process limits) or on scale-out
 * (a fresh PostgreSQL database, Redis under a unique key prefix), SMS going to the stub. Everything is
 * removed again on close.
 */
final class BenchService implements AutoCloseable {

    static final String PG_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String REDIS_URL = "redis://127.0.0.1:6379";

    final ConfigurableApplicationContext context;
    final InetSocketAddress address;
    final String mode;
    private final Runnable cleanup;

    private BenchService(String mode, Map<String, String> properties, Runnable cleanup) {
        this.mode = mode;
        this.cleanup = cleanup;
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try {
            this.context = new SpringApplicationBuilder(BentengApplication.class).web(WebApplicationType.SERVLET).run(args);
        } catch (RuntimeException e) {
            cleanup.run();
            throw e;
        }
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        this.address = new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * @param mode   {@code embedded} or {@code scaleout}
     * @param extra  further properties (shield configuration)
     */
    static BenchService start(String mode, SmsStub stub, Map<String, String> extra) throws Exception {
        return start(mode, stub, extra, null);
    }

    /**
     * As {@link #start(String, SmsStub, Map)}; on scale-out with {@code keptDatabase} the service runs on that
     * PostgreSQL database, created if missing and left in place on close (a loaded data set kept between runs).
     */
    static BenchService start(String mode, SmsStub stub, Map<String, String> extra, String keptDatabase) throws Exception {
        String id = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        Path dir = Files.createTempDirectory("benteng-bench-");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("logging.level.root", "WARN");
        p.put("springdoc.api-docs.enabled", "false");
        p.put("benteng.dev-tools", "false");
        p.put("benteng.data-dir", dir.toString());
        p.put("server.port", "0");
        p.put("server.address", "127.0.0.1");
        p.put("benteng.messaging.sms.mode", "PROVIDER");
        p.put("benteng.messaging.sms.http.url", stub.url().toString());
        p.put("benteng.messaging.sms.http.token", stub.token());
        p.put("benteng.messaging.sms.daily-cap", "1000000");
        p.put("benteng.messaging.sms.monthly-cap", "10000000");
        Runnable cleanup = () -> deleteTree(dir);
        if (mode.equals("scaleout")) {
            if (keptDatabase != null && !keptDatabase.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("database name: lower-case letters, digits and _ only");
            }
            String db = keptDatabase != null ? keptDatabase : "benteng_bench_" + id;
            String prefix = "benteng-bench-" + id + ":";
            try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
                boolean exists;
                try (var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                    exists = rs.next();
                }
                if (!exists) {
                    s.execute("CREATE DATABASE " + db);
                }
            }
            p.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/" + db);
            p.put("spring.datasource.username", "postgres");
            p.put("spring.datasource.password", "");
            p.put("benteng.redis-url", REDIS_URL);
            p.put("benteng.redis-key-prefix", prefix);
            cleanup = () -> {
                if (keptDatabase == null) {
                    try (Connection c = DriverManager.getConnection(PG_ADMIN_URL, "postgres", ""); Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                    } catch (Exception e) {
                        System.err.println("could not drop " + db + ": " + e.getMessage());
                    }
                }
                try {
                    new ProcessBuilder("sh", "-c", "redis-cli -h 127.0.0.1 --scan --pattern '" + prefix + "*' | xargs -r redis-cli -h 127.0.0.1 del > /dev/null")
                            .inheritIO().start().waitFor();
                } catch (Exception e) {
                    System.err.println("could not remove redis keys " + prefix + "*: " + e.getMessage());
                }
                deleteTree(dir);
            };
        } else if (!mode.equals("embedded")) {
            throw new IllegalArgumentException("mode must be embedded or scaleout: " + mode);
        }
        p.putAll(extra);
        return new BenchService(mode, p, cleanup);
    }

    @Override
    public void close() {
        context.close();
        cleanup.run();
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
