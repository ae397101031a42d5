package my.benteng.account;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class CitizenSessionPostgresIntegrationTest extends CitizenSessionContract {
}
