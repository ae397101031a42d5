package my.benteng.platform.internal;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

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
}
