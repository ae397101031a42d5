package my.benteng.ekyc.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class EkycAdmissionSqliteIntegrationTest extends EkycAdmissionContract {
}
