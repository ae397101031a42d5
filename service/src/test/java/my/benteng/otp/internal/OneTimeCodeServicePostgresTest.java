package my.benteng.otp.internal;

import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * {@link OneTimeCodeServiceTest} on PostgreSQL: a database of this class's own, created and migrated once (a migration
 * per test would cost seconds each) and dropped after; each test starts with the otp tables emptied.
 */
@Tag("postgres")
class OneTimeCodeServicePostgresTest extends OneTimeCodeServiceTest {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private static final String DATABASE = "benteng_it_otp_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(5));
    private static boolean created;

    @Override
    DataSource emptyDatabase() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        dataSource.setUser(PostgresTestDatabase.user());
        if (!created) {
            PostgresTestDatabase.jdbcUrl(); // the same server as the other PostgreSQL tests
            execute("CREATE DATABASE " + DATABASE);
            created = true;
        } else {
            JdbcClient.create(dataSource).sql("TRUNCATE otp_code, otp_failure, otp_lock, otp_verification_token").update();
        }
        return dataSource;
    }

    @Override
    String vendor() {
        return "postgresql";
    }

    @AfterAll
    static void dropDatabase() {
        execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, PostgresTestDatabase.user(), ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " is needed for this test", e);
        }
    }
}
