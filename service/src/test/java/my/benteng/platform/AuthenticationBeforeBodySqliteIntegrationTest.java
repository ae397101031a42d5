package my.benteng.platform;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class AuthenticationBeforeBodySqliteIntegrationTest extends AuthenticationBeforeBodyContract {
}
