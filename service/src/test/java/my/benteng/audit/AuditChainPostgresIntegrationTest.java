package my.benteng.audit;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class AuditChainPostgresIntegrationTest extends AuditChainContract {
}
