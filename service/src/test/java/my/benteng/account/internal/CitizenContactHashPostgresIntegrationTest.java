package my.benteng.account.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class CitizenContactHashPostgresIntegrationTest extends CitizenContactHashContract {
}
