package my.benteng.detection.internal.alert;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class AlertBookSqliteIntegrationTest extends AlertBookContract {
}
