package my.benteng.platform;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class AuthenticationBeforeBodyPostgresIntegrationTest extends AuthenticationBeforeBodyContract {
}
