package my.benteng.testing;

import io.lettuce.core.RedisClient;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Creates a PostgreSQL database for this test JVM (dropped again when the JVM exits) and a Redis key
 * prefix, and points the context at both. Server addresses can be overridden with
 * {@code BENTENG_TEST_PG_URL} (a JDBC URL of a database to connect to for CREATE DATABASE) and
 * {@code BENTENG_TEST_REDIS_URL}.
 */
public class PostgresTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final String ADMIN_URL = env("BENTENG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    private static final String USER = env("BENTENG_TEST_PG_USER", "postgres");
    private static final String REDIS_URL = env("BENTENG_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    private static final String SUFFIX = HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
    private static final String DATABASE = "benteng_it_" + SUFFIX;
    private static volatile boolean created;

    /** JDBC URL of this JVM's test database. */
    public static String jdbcUrl() {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + DATABASE;
    }

    public static String user() {
        return USER;
    }

    public static String redisUrl() {
        return REDIS_URL;
    }

    public static String redisPrefix() {
        return "benteng-it-" + SUFFIX + ":";
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        createOnce();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "benteng.data-dir=" + dataDir(),
                "spring.datasource.url=" + jdbcUrl(),
                "spring.datasource.username=" + USER,
                "spring.datasource.password=",
                "benteng.redis-url=" + REDIS_URL,
                "benteng.redis-key-prefix=" + redisPrefix());
        SharedTestContext.apply(context);
    }

    /** Creates this JVM's database (and checks Redis) if no context has yet: for a node started outside the shared context. */
    public static void ensureCreated() {
        createOnce();
    }

    private static synchronized void createOnce() {
        if (created) {
            return;
        }
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("The PostgreSQL tests need a server at " + ADMIN_URL + " (user " + USER
                    + ", trust auth). Start it, e.g. pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
        RedisClient redis = RedisClient.create(REDIS_URL);
        try (var connection = redis.connect()) {
            connection.sync().ping();
        } catch (RuntimeException e) {
            throw new IllegalStateException("The Redis tests need a server at " + REDIS_URL
                    + ". Start it, e.g. redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save \"\" --appendonly no", e);
        } finally {
            redis.shutdown();
        }
        created = true;
        Runtime.getRuntime().addShutdownHook(new Thread(PostgresTestDatabase::drop));
    }

    private static void drop() {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (SQLException ignored) {
            // best effort: a leftover database holds only synthetic test data
        }
    }

    private static Path dataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
