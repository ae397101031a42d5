package my.benteng.forensics;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class ForensicsSqliteIntegrationTest extends ForensicsContract {
}
