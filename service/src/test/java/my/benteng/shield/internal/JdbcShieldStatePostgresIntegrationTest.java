package my.benteng.shield.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class JdbcShieldStatePostgresIntegrationTest extends JdbcShieldStateContract {
}
