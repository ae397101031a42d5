package my.benteng.audit;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class AuditFailureSqliteIntegrationTest extends AuditFailureContract {
}
