package my.benteng.helpdesk.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class AcknowledgementHashSqliteIntegrationTest extends AcknowledgementHashContract {
}
