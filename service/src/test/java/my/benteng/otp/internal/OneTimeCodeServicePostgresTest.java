package my.benteng.otp.internal;

import my.benteng.testing.EmptyDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

/**
 * {@link OneTimeCodeServiceTest} on PostgreSQL: a database of this class's own, created and migrated once (a migration
 * per test would cost seconds each) and dropped after; each test starts with the otp tables emptied.
 */
@Tag("postgres")
class OneTimeCodeServicePostgresTest extends OneTimeCodeServiceTest {

    private static final String DATABASE = EmptyDatabases.postgresName("benteng_it_otp_");
    private static boolean created;

    @Override
    DataSource emptyDatabase() {
        if (!created) {
            created = true;
            return EmptyDatabases.createPostgres(DATABASE);
        }
        DataSource existing = EmptyDatabases.postgres(DATABASE);
        JdbcClient.create(existing).sql("TRUNCATE otp_code, otp_failure, otp_lock, otp_verification_token").update();
        return existing;
    }

    @Override
    String vendor() {
        return "postgresql";
    }

    @AfterAll
    static void dropDatabase() {
        EmptyDatabases.dropPostgres(DATABASE);
    }
}
