package my.benteng.tracing;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class TracingSqliteIntegrationTest extends TracingContract {
}
