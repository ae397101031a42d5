package my.benteng.platform.internal;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;

/**
 * Tells a unique violation on SQLite apart from the other constraint failures. sqlite-jdbc reports the primary result
 * code (19 for every constraint) as the error code and keeps the extended one in {@link SQLiteException#getResultCode()},
 * so {@code sql-error-codes.xml} alone cannot: without this, every "someone inserted it first" catch
 * ({@link DuplicateKeyException}: a registration race, a reference collision) did nothing on the embedded default.
 * Named in {@code sql-error-codes.xml}; anything it does not recognise falls through to the codes there.
 */
public final class SqliteExceptionTranslator implements SQLExceptionTranslator {

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        if (ex instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY)) {
            // the message names the task only: the driver's text can quote the offending value
            return new DuplicateKeyException(task + ": a unique constraint failed", ex);
        }
        return null;
    }
}
