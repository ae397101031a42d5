package my.benteng.messaging.internal;

import my.benteng.testing.SqliteIntegrationTest;

@SqliteIntegrationTest
class MessagingOutboxSqliteIntegrationTest extends MessagingOutboxContract {
}
