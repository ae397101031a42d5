package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.testing.EmptyDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import javax.sql.DataSource;

/** {@link HashUpgradeContract} with the shield state in a PostgreSQL database of its own, created empty and dropped after. */
@Tag("postgres")
class HashUpgradePostgresIntegrationTest extends HashUpgradeContract {

    private final String database = EmptyDatabases.postgresName("benteng_it_hashes_");

    @Override
    DataSource emptyDatabase() {
        return EmptyDatabases.createPostgres(database);
    }

    @Override
    DatabaseDialect dialect() {
        return DatabaseDialect.POSTGRESQL;
    }

    @AfterEach
    void dropDatabase() {
        EmptyDatabases.dropPostgres(database);
    }
}
