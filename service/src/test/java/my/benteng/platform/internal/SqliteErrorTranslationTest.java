package my.benteng.platform.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Spring knows no SQLite error codes by itself, so a unique violation surfaced as an uncategorised exception and every
 * "someone else inserted it first" catch (DuplicateKeyException) silently did nothing on the embedded default.
 * {@code sql-error-codes.xml} teaches it SQLite's extended result codes.
 */
class SqliteErrorTranslationTest {

    @Test
    void aUniqueOrPrimaryKeyViolationIsADuplicateKeyAndOtherConstraintsAreIntegrityViolations(@TempDir Path dir) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + dir.resolve("t.db"));
        JdbcTemplate jdbc = new JdbcTemplate(source);
        jdbc.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, n INTEGER CHECK (n > 0))");
        jdbc.update("INSERT INTO t (id, name, n) VALUES (1, 'a', 1)");

        assertThatThrownBy(() -> jdbc.update("INSERT INTO t (id, name, n) VALUES (2, 'a', 1)")).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO t (id, name, n) VALUES (1, 'b', 1)")).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO t (id, name, n) VALUES (3, NULL, 1)"))
                .isInstanceOf(DataIntegrityViolationException.class).isNotInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO t (id, name, n) VALUES (4, 'c', 0)"))
                .isInstanceOf(DataIntegrityViolationException.class).isNotInstanceOf(DuplicateKeyException.class);
    }
}
