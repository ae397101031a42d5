package my.benteng.platform.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class HostileRequestPostgresIntegrationTest extends HostileRequestContract {
}
