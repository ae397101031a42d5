package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.testing.EmptyDatabases;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;

/** {@link HashUpgradeContract} with the shield state in a throw-away SQLite file. */
class HashUpgradeSqliteIntegrationTest extends HashUpgradeContract {

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
