package my.benteng.helpdesk.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class AcknowledgementHashPostgresIntegrationTest extends AcknowledgementHashContract {
}
