package my.benteng.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A transaction that cannot begin because another process holds SQLite's write lock past the busy timeout
 * must fail alone: the pooled connection it borrowed must not come back half in a transaction (which made
 * every later commit on it fail with "cannot commit - no transaction is active", stopping the outbox).
 */
class SqliteBusyRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void aBusyBeginDoesNotPoisonThePool() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("t.db") + "?journal_mode=WAL&busy_timeout=100&transaction_mode=IMMEDIATE";
        HikariDataSource hikari = new HikariDataSource();
        hikari.setJdbcUrl(url);
        hikari.setMaximumPoolSize(1);
        DataSource pool = PlatformConfiguration.sqliteGuard(hikari);
        try (hikari) {
            JdbcClient jdbc = JdbcClient.create(pool);
            TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
            tx.executeWithoutResult(s -> jdbc.sql("CREATE TABLE t (v INTEGER)").update());
            try (Connection other = DriverManager.getConnection(url); Statement st = other.createStatement()) {
                other.setAutoCommit(false); // BEGIN IMMEDIATE: the write lock is held by someone else
                st.executeUpdate("INSERT INTO t VALUES (0)");
                assertThatThrownBy(() -> tx.executeWithoutResult(s -> jdbc.sql("INSERT INTO t VALUES (1)").update()))
                        .hasMessageNotContaining("no transaction is active");
                other.rollback();
            }
            tx.executeWithoutResult(s -> jdbc.sql("INSERT INTO t VALUES (2)").update());
            tx.executeWithoutResult(s -> jdbc.sql("INSERT INTO t VALUES (3)").update());
            assertThat(jdbc.sql("SELECT v FROM t ORDER BY v").query(Integer.class).list()).containsExactly(2, 3);
        }
    }
}
