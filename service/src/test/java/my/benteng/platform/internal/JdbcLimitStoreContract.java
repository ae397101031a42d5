package my.benteng.platform.internal;

import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.LimitStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The limit store contract against the database (a deployment without Redis), on each database; expired rows go. */
abstract class JdbcLimitStoreContract extends LimitStoreContract {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DatabaseDialect dialect;

    private JdbcLimitStore store;

    @Override
    LimitStore store() {
        if (store == null) {
            store = new JdbcLimitStore(jdbc, transactions, dialect, clock);
        }
        return store;
    }

    @Test
    void expiredEventsArePurgedByALaterCall() {
        String shortLived = key();
        String longLived = key();
        assertThat(store().tryAcquire(shortLived, 3, Duration.ofMinutes(1)).admitted()).isTrue();
        assertThat(store().tryAcquire(shortLived, 3, Duration.ofMinutes(1)).admitted()).isTrue();
        assertThat(rows(shortLived)).isEqualTo(1); // two events in one millisecond: one row
        clock.advance(Duration.ofMinutes(2));
        assertThat(store().tryAcquire(longLived, 3, Duration.ofHours(1)).admitted()).isTrue();
        assertThat(rows(shortLived)).isZero();
        assertThat(rows(longLived)).isEqualTo(1);
    }

    private long rows(String key) {
        return jdbc.sql("SELECT COUNT(*) FROM platform_limit_event WHERE limit_key = ?").param(key).query(Long.class).single();
    }
}
