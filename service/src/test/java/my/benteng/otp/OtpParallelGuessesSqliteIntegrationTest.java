package my.benteng.otp;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class OtpParallelGuessesSqliteIntegrationTest extends OtpParallelGuessesContract {
}
