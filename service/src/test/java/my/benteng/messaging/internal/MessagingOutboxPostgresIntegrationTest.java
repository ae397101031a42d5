package my.benteng.messaging.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class MessagingOutboxPostgresIntegrationTest extends MessagingOutboxContract {
}
