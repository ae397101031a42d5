package my.benteng.helpdesk;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class HelpdeskPostgresIntegrationTest extends HelpdeskContract {
}
