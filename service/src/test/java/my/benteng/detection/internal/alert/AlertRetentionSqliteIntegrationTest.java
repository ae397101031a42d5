package my.benteng.detection.internal.alert;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class AlertRetentionSqliteIntegrationTest extends AlertRetentionContract {
}
