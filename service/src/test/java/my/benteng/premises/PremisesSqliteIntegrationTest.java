package my.benteng.premises;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class PremisesSqliteIntegrationTest extends PremisesContract {
}
