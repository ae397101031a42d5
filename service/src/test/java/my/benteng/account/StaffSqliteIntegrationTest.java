package my.benteng.account;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class StaffSqliteIntegrationTest extends StaffContract {
}
