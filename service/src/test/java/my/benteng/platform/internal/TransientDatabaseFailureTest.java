package my.benteng.platform.internal;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Which database failures a retry can cure (503 + Retry-After) and which are faults (500), by SQLState. */
class TransientDatabaseFailureTest {

    private static SQLException state(String sqlState) {
        return new SQLException("driver text", sqlState);
    }

    @Test
    void lostConnectionsServerShutdownsConflictsAndExhaustionAreTransient() {
        for (String s : new String[] {"08000", "08003", "08006", "57P01", "57P02", "57P03", "40001", "40P01", "53300", "53200", "55P03"}) {
            assertThat(TransientDatabaseFailure.isTransient(new DataAccessResourceFailureException("x", state(s)))).as(s).isTrue();
            assertThat(TransientDatabaseFailure.isTransient(new UncategorizedSQLException("task", "sql", state(s)))).as(s).isTrue();
        }
    }

    @Test
    void sqliteBusyOrLockedPastTheTimeoutIsTransientOtherSqliteErrorsAreNot() {
        assertThat(TransientDatabaseFailure.isTransient(new TransactionSystemException("commit",
                new org.sqlite.SQLiteException("busy", org.sqlite.SQLiteErrorCode.SQLITE_BUSY)))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new DataAccessResourceFailureException("x",
                new org.sqlite.SQLiteException("locked", org.sqlite.SQLiteErrorCode.SQLITE_LOCKED_SHAREDCACHE)))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(new DataIntegrityViolationException("x",
                new org.sqlite.SQLiteException("unique", org.sqlite.SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE)))).isFalse();
    }

    @Test
    void constraintViolationsSyntaxErrorsAndUnknownStatesAreFaults() {
        for (String s : new String[] {"23505", "42601", "42P01", "57014", "XX000"}) {
            assertThat(TransientDatabaseFailure.isTransient(new DataIntegrityViolationException("x", state(s)))).as(s).isFalse();
        }
        assertThat(TransientDatabaseFailure.isTransient(new IllegalStateException("no SQL at all"))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(new DataAccessResourceFailureException("x", new SQLException("no state")))).isFalse();
    }

    @Test
    void aRollbackThatFailedAfterALostConnectionIsJudgedByTheOriginalFailure() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("x", state("57P01")));
        assertThat(TransientDatabaseFailure.isTransient(rollback)).isTrue();

        TransactionSystemException fault = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        fault.initApplicationException(new DataIntegrityViolationException("x", state("23505")));
        assertThat(TransientDatabaseFailure.isTransient(fault)).isFalse();
    }

    // The chains below are the ones Spring itself builds: a real transaction manager and TransactionTemplate run over a
    // JDBC connection that fails the way a terminated PostgreSQL connection behind Hikari does.

    /** What the server says when pg_terminate_backend (a failover, an operator) ends the session. */
    private static PSQLException terminated() {
        return new PSQLException(new ServerErrorMessage("SFATAL\0C57P01\0Mterminating connection due to administrator command\0"));
    }

    /** What Hikari's proxy throws once it has evicted a broken connection: no SQLState. */
    private static SQLException poolClosed() {
        return new SQLException("Connection is closed");
    }

    /** A connection whose statements answer {@code statement}, whose COMMIT throws {@code commit} and ROLLBACK {@code rollback} (null: works). */
    private static Connection connection(SQLException statement, SQLException commit, SQLException rollback) {
        PreparedStatement ps = (PreparedStatement) Proxy.newProxyInstance(TransientDatabaseFailureTest.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "executeUpdate" -> {
                        if (statement != null) {
                            throw statement;
                        }
                        yield 1;
                    }
                    case "getWarnings", "unwrap" -> null;
                    case "isWrapperFor" -> false;
                    default -> defaultValue(method.getReturnType());
                });
        return (Connection) Proxy.newProxyInstance(TransientDatabaseFailureTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "prepareStatement" -> ps;
                    case "getAutoCommit" -> true;
                    case "getTransactionIsolation" -> Connection.TRANSACTION_READ_COMMITTED;
                    case "commit" -> {
                        if (commit != null) {
                            throw commit;
                        }
                        yield null;
                    }
                    case "rollback" -> {
                        if (rollback != null) {
                            throw rollback;
                        }
                        yield null;
                    }
                    case "isWrapperFor" -> false;
                    case "toString" -> "stub connection";
                    default -> defaultValue(method.getReturnType());
                });
    }

    private static Object defaultValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class || type == long.class) {
            return type == int.class ? (Object) 0 : (Object) 0L;
        }
        return null;
    }

    private static Throwable failure(Function<AbstractDataSource, PlatformTransactionManager> manager, Connection connection,
                                     Consumer<JdbcClient> work) {
        return failure(manager, connection, (jdbc, transactions) -> work.accept(jdbc));
    }

    private static Throwable failure(Function<AbstractDataSource, PlatformTransactionManager> manager, Connection connection,
                                     BiConsumer<JdbcClient, PlatformTransactionManager> work) {
        AbstractDataSource dataSource = new AbstractDataSource() {
            @Override
            public Connection getConnection() {
                return connection;
            }

            @Override
            public Connection getConnection(String username, String password) {
                return connection;
            }
        };
        JdbcClient jdbc = JdbcClient.create(dataSource);
        PlatformTransactionManager transactions = manager.apply(dataSource);
        Throwable thrown = catchThrowable(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> work.accept(jdbc, transactions)));
        assertThat(thrown).as("the transaction failed").isNotNull();
        return thrown;
    }

    private static Throwable jdbcManager(Connection connection) {
        return failure(JdbcTransactionManager::new, connection, jdbc -> jdbc.sql("UPDATE t SET x = 1").update());
    }

    @Test
    void aCommitLostWithTheConnectionIsTransientThoughTheRollbackAfterItFailedToo() {
        // Spring logs the commit's exception ("Commit exception overridden by rollback exception") and throws the rollback's
        Throwable thrown = jdbcManager(connection(null, terminated(), poolClosed()));
        assertThat(thrown).isInstanceOf(TransactionSystemException.class).hasMessageStartingWith("JDBC rollback failed");
        assertThat(((TransactionSystemException) thrown).getApplicationException()).isNull();
        assertThat(TransientDatabaseFailure.isTransient(thrown)).isTrue();

        Throwable broken = jdbcManager(connection(null, new PSQLException("An I/O error occurred while sending to the backend.",
                PSQLState.CONNECTION_FAILURE), new PSQLException("This connection has been closed.", null)));
        assertThat(TransientDatabaseFailure.isTransient(broken)).isTrue();

        // the same with the plain DataSourceTransactionManager (spring.dao.exceptiontranslation.enabled=false)
        Throwable plain = failure(DataSourceTransactionManager::new, connection(null, terminated(), poolClosed()),
                jdbc -> jdbc.sql("UPDATE t SET x = 1").update());
        assertThat(TransientDatabaseFailure.isTransient(plain)).isTrue();
    }

    @Test
    void aCommitLostWithTheConnectionIsTransientWhenTheRollbackSucceedsOrNamesTheLostConnection() {
        assertThat(TransientDatabaseFailure.isTransient(jdbcManager(connection(null, terminated(), null)))).isTrue();
        assertThat(TransientDatabaseFailure.isTransient(jdbcManager(connection(null, terminated(),
                new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST))))).isTrue();
    }

    @Test
    void aStatementLostWithTheConnectionIsTransientThoughTheRollbackAfterItFailed() {
        Throwable thrown = jdbcManager(connection(terminated(), null, poolClosed()));
        assertThat(thrown).isInstanceOf(TransactionSystemException.class);
        assertThat(((TransactionSystemException) thrown).getApplicationException()).isInstanceOf(DataAccessResourceFailureException.class);
        assertThat(TransientDatabaseFailure.isTransient(thrown)).isTrue();
    }

    @Test
    void aFaultStaysAFaultWhateverTheRollbackDoes() {
        PSQLException unique = new PSQLException("duplicate key value violates unique constraint", PSQLState.UNIQUE_VIOLATION);
        // a statement's fault, the rollback after it failing without an SQLState: judged by the statement's
        assertThat(TransientDatabaseFailure.isTransient(jdbcManager(connection(unique, null, poolClosed())))).isFalse();
        // a deferred constraint refusing the commit: the connection works, the rollback succeeds, the commit's fault surfaces
        Throwable deferred = jdbcManager(connection(null, unique, null));
        assertThat(deferred).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(TransientDatabaseFailure.isTransient(deferred)).isFalse();
        // an application exception that is no database failure at all
        Throwable bug = failure(JdbcTransactionManager::new, connection(null, null, poolClosed()), jdbc -> {
            throw new IllegalStateException("a bug");
        });
        assertThat(TransientDatabaseFailure.isTransient(bug)).isFalse();
    }

    @Test
    void aCommitOrBeginThatFailsWithoutAnSqlStateIsAFault() {
        // only a failed rollback vouches for a lost connection; Spring's other untranslatable failures stay faults
        assertThat(TransientDatabaseFailure.isTransient(new TransactionSystemException("JDBC commit failed", poolClosed()))).isFalse();
        assertThat(TransientDatabaseFailure.isTransient(jdbcManager(connection(null, poolClosed(), null)))).isFalse();
        // a rollback that SQLite refused for a reason of its own is judged by its code, not by the missing SQLState
        TransactionSystemException sqlite = new TransactionSystemException("JDBC rollback failed",
                new org.sqlite.SQLiteException("io", org.sqlite.SQLiteErrorCode.SQLITE_IOERR));
        assertThat(TransientDatabaseFailure.isTransient(sqlite)).isFalse();
    }

    @Test
    void aTransactionSilentlyRolledBackByAParticipantIsAFaultUnlessItsRollbackFailed() {
        // an inner transaction marked the outer one rollback-only and someone swallowed its exception: a bug, not load
        Throwable participant = participantMarkedRollbackOnly(connection(null, null, null));
        assertThat(participant).isInstanceOf(UnexpectedRollbackException.class);
        assertThat(TransientDatabaseFailure.isTransient(participant)).isFalse();
        // the same, but the connection was lost meanwhile: the rollback fails and nothing was stored
        assertThat(TransientDatabaseFailure.isTransient(participantMarkedRollbackOnly(connection(null, null, poolClosed())))).isTrue();
    }

    private static Throwable participantMarkedRollbackOnly(Connection connection) {
        return failure(JdbcTransactionManager::new, connection, (jdbc, transactions) -> {
            try {
                new TransactionTemplate(transactions).executeWithoutResult(s -> {
                    throw new IllegalStateException("swallowed");
                });
            } catch (IllegalStateException swallowed) {
                // the bug this case stands for
            }
        });
    }
}
