package my.benteng.tracing.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class ContactNotifierPostgresIntegrationTest extends ContactNotifierContract {
}
