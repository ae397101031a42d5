package my.benteng.tracing;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class ContactNotifierPostgresIntegrationTest extends ContactNotifierContract {
}
