package my.benteng.tracing.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class ContactNotifierSqliteIntegrationTest extends ContactNotifierContract {
}
