package my.benteng.forensics;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class ForensicsPostgresIntegrationTest extends ForensicsContract {
}
