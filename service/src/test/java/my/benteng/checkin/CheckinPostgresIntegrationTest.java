package my.benteng.checkin;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class CheckinPostgresIntegrationTest extends CheckinContract {
}
