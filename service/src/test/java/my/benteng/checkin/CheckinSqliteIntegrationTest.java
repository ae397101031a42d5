package my.benteng.checkin;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class CheckinSqliteIntegrationTest extends CheckinContract {
}
