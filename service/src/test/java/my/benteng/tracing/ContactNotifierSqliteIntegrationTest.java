package my.benteng.tracing;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class ContactNotifierSqliteIntegrationTest extends ContactNotifierContract {
}
