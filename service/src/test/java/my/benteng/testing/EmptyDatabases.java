package my.benteng.testing;

import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * Empty databases for tests that run migrations step by step or a repository without a Spring context: a SQLite file
 * opened as the service opens it, or a PostgreSQL database of the test's own on the server the other PostgreSQL tests
 * use (which the test drops again).
 */
public final class EmptyDatabases {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private EmptyDatabases() {
    }

    /** SQLite in {@code file}: one writer at a time, taken at BEGIN, as the service opens it. */
    public static DataSource sqlite(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }

    /** A fresh name for a PostgreSQL database: {@code prefix} and random hex. */
    public static String postgresName(String prefix) {
        return prefix + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    }

    /** Creates the PostgreSQL database {@code name} (empty) and connects to it. */
    public static DataSource createPostgres(String name) {
        PostgresTestDatabase.jdbcUrl(); // the same server as the other PostgreSQL tests
        execute("CREATE DATABASE " + name);
        return postgres(name);
    }

    /** Connects to the existing PostgreSQL database {@code name}. */
    public static DataSource postgres(String name) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:5432/" + name);
        dataSource.setUser(PostgresTestDatabase.user());
        return dataSource;
    }

    /** Drops the PostgreSQL database {@code name}, if it exists, whoever is connected. */
    public static void dropPostgres(String name) {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " is needed for this test", e);
        }
    }
}
