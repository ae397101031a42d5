package my.benteng.ekyc.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class EkycSqliteIntegrationTest extends EkycContract {
}
