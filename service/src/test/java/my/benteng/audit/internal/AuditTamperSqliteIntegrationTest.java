package my.benteng.audit.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class AuditTamperSqliteIntegrationTest extends AuditTamperContract {
}
