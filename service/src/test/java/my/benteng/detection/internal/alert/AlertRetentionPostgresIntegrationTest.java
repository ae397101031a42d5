package my.benteng.detection.internal.alert;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class AlertRetentionPostgresIntegrationTest extends AlertRetentionContract {
}
