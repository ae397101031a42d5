package my.benteng.helpdesk;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class HelpdeskSqliteIntegrationTest extends HelpdeskContract {
}
