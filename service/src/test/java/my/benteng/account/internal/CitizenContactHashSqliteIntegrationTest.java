package my.benteng.account.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class CitizenContactHashSqliteIntegrationTest extends CitizenContactHashContract {
}
