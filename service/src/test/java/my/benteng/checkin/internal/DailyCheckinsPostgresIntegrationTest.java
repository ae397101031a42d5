package my.benteng.checkin.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class DailyCheckinsPostgresIntegrationTest extends DailyCheckinsContract {
}
