package my.benteng.checkin.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class DailyCheckinsSqliteIntegrationTest extends DailyCheckinsContract {
}
