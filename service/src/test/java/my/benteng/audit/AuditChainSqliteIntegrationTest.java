package my.benteng.audit;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class AuditChainSqliteIntegrationTest extends AuditChainContract {
}
