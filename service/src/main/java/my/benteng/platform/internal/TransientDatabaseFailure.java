package my.benteng.platform.internal;

import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells a database failure that a retry can cure (load, a lost connection, a server restarting) from a fault.
 * Spring's translation does not say it reliably: a PostgreSQL connection terminated by the server (57P01) becomes a
 * {@code DataAccessResourceFailureException} or, at commit, a {@code TransactionSystemException}, both "non-transient".
 * So the decision is made from the SQLState of every {@link SQLException} in the causes, which the drivers set
 * precisely, plus the few Spring types that mean "could not even start".
 */
final class TransientDatabaseFailure {

    private TransientDatabaseFailure() {
    }

    /** True when {@code e} or any of its causes is a transient database failure. */
    static boolean isTransient(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof TransientDataAccessException || t instanceof PessimisticLockingFailureException
                    || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && transientSql(sql)) {
                return true;
            }
            if (t instanceof TransactionSystemException tse && failedRollbackOnALostConnection(tse)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The rollback after a lost connection fails too: the pool has already closed the connection ("Connection is
     * closed", no SQLState, nothing Spring can translate), and that failure replaces the one that mattered.
     * <ul>
     * <li>After an application exception Spring keeps it as the application exception: judge by that one, so a
     * fault stays a fault even when the rollback then fails.</li>
     * <li>After a failed commit Spring only logs the commit's exception ("Commit exception overridden by rollback
     * exception"). A commit that failed for a fault (a deferred constraint, say) leaves the connection working and
     * its rollback succeeds, so the commit's own exception reaches us; a rollback that fails without any SQLState
     * means the connection was gone: the same answer as a commit lost with its connection (whose outcome the client
     * cannot know either way; a retry meets the first attempt's effects if the COMMIT did reach the server).</li>
     * </ul>
     */
    private static boolean failedRollbackOnALostConnection(TransactionSystemException tse) {
        if (tse.getApplicationException() != null) {
            return isTransient(tse.getApplicationException());
        }
        // Spring's fixed task text (DataSourceTransactionManager.translateException), never the driver's: only a
        // failed rollback qualifies, a commit or begin that fails without an SQLState is still a fault
        String message = tse.getMessage();
        return message != null && message.startsWith("JDBC rollback failed")
                && tse.getCause() instanceof SQLException sql && sql.getSQLState() == null && !isSqlite(sql);
    }

    private static boolean isSqlite(SQLException sql) {
        return sql.getClass().getName().startsWith("org.sqlite.");
    }

    private static boolean transientSql(SQLException sql) {
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
            return true;
        }
        if (isSqlite(sql)) {
            // SQLITE_BUSY (5) or SQLITE_LOCKED (6), extended codes included: another writer held the lock too long
            int code = sql.getErrorCode() & 0xff;
            return code == 5 || code == 6;
        }
        String state = sql.getSQLState();
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("08")                        // connection exception (lost, refused, broken)
                || state.startsWith("53")                    // insufficient resources (too many connections, disk full, memory)
                || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // terminated / server shutting down or starting
                || state.equals("40001") || state.equals("40P01")                          // serialization failure, deadlock victim
                || state.equals("55P03");                    // lock not available (lock timeout)
    }
}
