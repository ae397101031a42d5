package my.benteng.audit.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class AuditTamperPostgresIntegrationTest extends AuditTamperContract {
}
