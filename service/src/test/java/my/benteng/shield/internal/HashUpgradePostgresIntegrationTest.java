package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/** {@link HashUpgradeContract} with the shield state in a PostgreSQL database of its own, created empty and dropped after. */
@Tag("postgres")
class HashUpgradePostgresIntegrationTest extends HashUpgradeContract {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private final String database = "benteng_it_hashes_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));

    @Override
    DataSource emptyDatabase() {
        PostgresTestDatabase.jdbcUrl(); // the same server as the other PostgreSQL tests
        execute("CREATE DATABASE " + database);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:5432/" + database);
        dataSource.setUser(PostgresTestDatabase.user());
        return dataSource;
    }

    @Override
    DatabaseDialect dialect() {
        return DatabaseDialect.POSTGRESQL;
    }

    @AfterEach
    void dropDatabase() {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " is needed for this test", e);
        }
    }
}
