package my.benteng.platform.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class HostileRequestSqliteIntegrationTest extends HostileRequestContract {
}
