package my.benteng.otp;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class OtpFlowSqliteIntegrationTest extends OtpFlowContract {
}
