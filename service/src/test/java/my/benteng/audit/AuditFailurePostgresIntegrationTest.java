package my.benteng.audit;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class AuditFailurePostgresIntegrationTest extends AuditFailureContract {
}
