package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.testing.EmptyDatabases;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

/** {@link HelpdeskWindowsMigrationContract} on a throw-away SQLite file, opened as the service opens it. */
class HelpdeskWindowsMigrationSqliteIntegrationTest extends HelpdeskWindowsMigrationContract {

    @TempDir
    Path dir;

    @Override
    DataSource emptyDatabase() {
        return EmptyDatabases.sqlite(dir.resolve("upgrade.db"));
    }

    @Override
    DatabaseDialect dialect() {
        return DatabaseDialect.SQLITE;
    }
}
