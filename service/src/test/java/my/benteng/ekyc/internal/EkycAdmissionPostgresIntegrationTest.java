package my.benteng.ekyc.internal;

import my.benteng.testing.PostgresIntegrationTest;

@PostgresIntegrationTest
class EkycAdmissionPostgresIntegrationTest extends EkycAdmissionContract {
}
