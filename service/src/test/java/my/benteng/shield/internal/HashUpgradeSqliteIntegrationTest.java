package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.nio.file.Path;

/** {@link HashUpgradeContract} with the shield state in a throw-away SQLite file, opened as the service opens it. */
class HashUpgradeSqliteIntegrationTest extends HashUpgradeContract {

    @TempDir
    Path dir;

    @Override
    DataSource emptyDatabase() {
        SQLiteConfig config = new SQLiteConfig();
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("upgrade.db"));
        return dataSource;
    }

    @Override
    DatabaseDialect dialect() {
        return DatabaseDialect.SQLITE;
    }
}
