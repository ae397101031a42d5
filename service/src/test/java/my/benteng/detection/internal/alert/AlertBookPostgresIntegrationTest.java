package my.benteng.detection.internal.alert;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class AlertBookPostgresIntegrationTest extends AlertBookContract {
}
