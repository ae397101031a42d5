package my.benteng.otp;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class OtpParallelGuessesPostgresIntegrationTest extends OtpParallelGuessesContract {
}
