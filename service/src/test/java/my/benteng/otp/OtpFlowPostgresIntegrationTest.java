package my.benteng.otp;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class OtpFlowPostgresIntegrationTest extends OtpFlowContract {
}
