package my.benteng.shield.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class JdbcShieldStateSqliteIntegrationTest extends JdbcShieldStateContract {
}
