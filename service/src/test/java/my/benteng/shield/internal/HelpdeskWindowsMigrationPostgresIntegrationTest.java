package my.benteng.shield.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.testing.EmptyDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import javax.sql.DataSource;

/** {@link HelpdeskWindowsMigrationContract} on a PostgreSQL database of its own, created empty and dropped after. */
@Tag("postgres")
class HelpdeskWindowsMigrationPostgresIntegrationTest extends HelpdeskWindowsMigrationContract {

    private final String database = EmptyDatabases.postgresName("benteng_it_upgrade_");

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
