package my.benteng.detection.internal.correlation;

import my.benteng.detection.internal.sigma.CorrelationState;
import my.benteng.platform.DatabaseDialect;
import my.benteng.testing.SqliteIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

@SqliteIntegrationTest
class CorrelationStateSqliteIntegrationTest extends CorrelationStateContract {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DatabaseDialect dialect;

    @Override
    CorrelationState node() {
        return new JdbcCorrelationState(jdbc, transactions, dialect, 100_000);
    }
}
