package my.benteng.tracing.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class TracingRetentionSqliteIntegrationTest extends TracingRetentionContract {
}
