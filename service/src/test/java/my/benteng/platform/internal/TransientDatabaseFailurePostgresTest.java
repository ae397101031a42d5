package my.benteng.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import my.benteng.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The exact exceptions Spring, Hikari and the PostgreSQL driver produce when the server terminates a connection in
 * the middle of a transaction, made deterministic: the transaction terminates its own backend (and waits until it has
 * exited) before its next statement or its COMMIT. Both must read as transient (503 + Retry-After), however the
 * rollback after them fails.
 */
@Tag("postgres")
class TransientDatabaseFailurePostgresTest {

    // the server's own database: these transactions read nothing but terminate their own backends
    private static final String URL = System.getenv().getOrDefault("BENTENG_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");

    private HikariDataSource pool;
    private JdbcClient jdbc;
    private TransactionTemplate transaction;

    @BeforeEach
    void pool() {
        pool = new HikariDataSource();
        pool.setJdbcUrl(URL);
        pool.setUsername(PostgresTestDatabase.user());
        pool.setPassword("");
        pool.setMaximumPoolSize(1);
        jdbc = JdbcClient.create(pool);
        transaction = new TransactionTemplate(new JdbcTransactionManager(pool));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void aConnectionTerminatedBeforeTheCommitIsTransient() {
        Throwable thrown = catchThrowable(() -> transaction.executeWithoutResult(s -> terminate(jdbc.sql("SELECT pg_backend_pid()")
                .query(Integer.class).single())));
        // the commit fails, Hikari evicts the connection, the rollback then fails on its closed proxy and replaces the commit's failure
        assertThat(thrown).isInstanceOf(TransactionSystemException.class).hasMessageStartingWith("JDBC rollback failed");
        assertThat(TransientDatabaseFailure.isTransient(thrown)).isTrue();
        assertThat(jdbc.sql("SELECT 1").query(Integer.class).single()).as("the pool replaced the connection").isEqualTo(1);
    }

    @Test
    void aConnectionTerminatedBeforeAStatementIsTransient() {
        Throwable thrown = catchThrowable(() -> transaction.executeWithoutResult(s -> {
            terminate(jdbc.sql("SELECT pg_backend_pid()").query(Integer.class).single());
            jdbc.sql("SELECT 1").query(Integer.class).single();
        }));
        assertThat(thrown).isInstanceOf(TransactionSystemException.class);
        assertThat(((TransactionSystemException) thrown).getApplicationException()).isNotNull();
        assertThat(TransientDatabaseFailure.isTransient(thrown)).isTrue();
    }

    @Test
    void aStatementThatFailsOnAWorkingConnectionIsAFault() {
        Throwable thrown = catchThrowable(() -> transaction.executeWithoutResult(s -> jdbc.sql("SELECT 1 / 0").query(Integer.class).single()));
        assertThat(thrown).isNotNull();
        assertThat(TransientDatabaseFailure.isTransient(thrown)).isFalse();
    }

    /** Terminates backend {@code pid} from another connection and waits until it has exited. */
    private static void terminate(int pid) {
        try (Connection c = DriverManager.getConnection(URL, PostgresTestDatabase.user(), "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_terminate_backend(" + pid + ", 10000)")) {
            assertThat(r.next() && r.getBoolean(1)).as("backend terminated").isTrue();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
