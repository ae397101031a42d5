package my.benteng.platform.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.LimitStore;
import my.benteng.platform.PlatformProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;

/** Beans every module shares: the clock, the random source, the database and the limit store. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    /**
     * The periodic jobs (retention purges, audit checkpoints, nonce and session clean-up). On unless
     * {@code benteng.scheduled-jobs.enabled=false}: the test contexts turn them off and call each job directly,
     * so that no purge or checkpoint runs in the middle of another test (with the test clock moved) or holds
     * SQLite's write lock while a test measures something.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty(name = "benteng.scheduled-jobs.enabled",
            havingValue = "true", matchIfMissing = true)
    static class ScheduledJobs {
    }

    /** Longest wait for one limit decision in Redis before failing closed. */
    private static final java.time.Duration COMMAND_TIMEOUT = java.time.Duration.ofSeconds(1);

    /**
     * The pages' session cookie (decision 0027). Not conditional on a web application: the page controllers that take
     * it are created in every context, including the command-line ones that start no web server.
     */
    @Bean
    my.benteng.platform.PageSessions pageSessions(PlatformProperties platform) {
        return new my.benteng.platform.PageSessions(platform.publicBaseUrl());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /**
     * The embedded default keeps its SQLite file under the data directory, which must exist before the
     * pool opens it; PostgreSQL is chosen by pointing the URL elsewhere.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource hikariDataSource(DataSourceProperties properties, PlatformProperties platform) {
        if (properties.determineUrl().startsWith("jdbc:sqlite:")) {
            createDirectories(platform.dataDir());
        }
        HikariDataSource dataSource = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        if (properties.determineUrl().startsWith("jdbc:sqlite:")) {
            // SQLite has one writer: a small pool, transactions that take the write lock at BEGIN
            // (transaction_mode=IMMEDIATE in the URL) and a busy timeout instead of instant SQLITE_BUSY
            dataSource.setMaximumPoolSize(4);
        }
        return dataSource;
    }

    /** The data source everything uses: on SQLite, the pool behind {@link #sqliteGuard}. */
    @Bean
    @org.springframework.context.annotation.Primary
    DataSource dataSource(HikariDataSource pool, DataSourceProperties properties) {
        return properties.determineUrl().startsWith("jdbc:sqlite:") ? sqliteGuard(pool) : pool;
    }

    /**
     * sqlite-jdbc begins a transaction when auto-commit is switched off; when that BEGIN fails (SQLITE_BUSY past
     * the busy timeout), the driver still believes it is in a transaction, and the pool hands the connection
     * out again in that state: every later commit on it fails with "no transaction is active" (seen under load:
     * the outbox dispatcher stopped sending). A pooled connection must arrive in auto-commit mode; one that
     * does not is evicted and another one taken.
     */
    static DataSource sqliteGuard(HikariDataSource pool) {
        return new org.springframework.jdbc.datasource.DelegatingDataSource(pool) {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                for (int tries = 0; ; tries++) {
                    java.sql.Connection c = pool.getConnection();
                    if (c.getAutoCommit() || tries >= 8) {
                        return c;
                    }
                    pool.evictConnection(c);
                }
            }
        };
    }

    @Bean
    DatabaseDialect databaseDialect(DataSourceProperties properties) {
        return properties.determineUrl().startsWith("jdbc:postgresql:") ? DatabaseDialect.POSTGRESQL : DatabaseDialect.SQLITE;
    }

    @Bean
    LimitStore limitStore(PlatformProperties platform, Clock clock, SecureRandom random, JdbcClient jdbc,
                          PlatformTransactionManager transactions, DatabaseDialect dialect) {
        if (platform.redisUrl().isBlank()) {
            // not in memory: the helpdesk's citizen and agent caps and the premises limits must survive a restart
            return new JdbcLimitStore(jdbc, transactions, dialect, clock);
        }
        RedisLimitStore redis = new RedisLimitStore(platform.redisUrl(), platform.redisKeyPrefix(), COMMAND_TIMEOUT,
                platform.redisConnectTimeout(), clock, random);
        // connect at start (beside the rest of the start-up), not on the first request; one that does not answer keeps
        // readiness down (limitStoreHealthIndicator) and limited requests refused until it does
        Thread.ofVirtual().name("limit-store-connect").start(() -> {
            if (!redis.answers()) {
                org.slf4j.LoggerFactory.getLogger(PlatformConfiguration.class)
                        .warn("the Redis limit store does not answer at start; limited requests are refused and readiness is down until it does");
            }
        });
        return redis;
    }

    /** Part of the readiness group: a node whose limit store does not answer refuses limited requests, so it takes no traffic. */
    @Bean
    HealthIndicator limitStoreHealthIndicator(LimitStore limits) {
        return () -> limits.answers() ? Health.up().build() : Health.down().build();
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir.toAbsolutePath(), e);
        }
    }
}
