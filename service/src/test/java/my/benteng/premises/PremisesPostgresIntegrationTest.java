package my.benteng.premises;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class PremisesPostgresIntegrationTest extends PremisesContract {
}
