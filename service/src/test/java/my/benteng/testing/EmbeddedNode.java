package my.benteng.testing;

import my.benteng.BentengApplication;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A node of its own (not a shared test context), on a given SQLite data directory (or the PostgreSQL test database) and a
 * given clock: start one, close it, start another on the same directory, and see what the second one remembers.
 */
public final class EmbeddedNode {

    /**
     * The pumping signal off (its samples out of reach): a test node's codes mostly go unverified, few in a handful of
     * prefixes, and a node judging them (or, on a shared database, every earlier test's) would rightly see pumping and
     * answer by the order the tests ran in. Tests of the signal itself leave these out.
     */
    public static final List<String> NO_PUMPING_SIGNAL = List.of("--benteng.shield.pumping.min-sample=1000000",
            "--benteng.shield.pumping.range-min-sample=1000000");

    private EmbeddedNode() {
    }

    public static ConfigurableApplicationContext start(Path dataDir, Clock clock, String... extraArguments) {
        return start(clock, List.of("--benteng.data-dir=" + dataDir, "--benteng.redis-url="), extraArguments);
    }

    /**
     * A node of its own on this JVM's PostgreSQL test database and Redis prefix, beside the shared PostgreSQL context if
     * one runs (two nodes of one deployment); its data directory holds only its generated keys.
     */
    public static ConfigurableApplicationContext startOnPostgres(Path dataDir, Clock clock, String... extraArguments) {
        PostgresTestDatabase.ensureCreated();
        return start(clock, List.of("--benteng.data-dir=" + dataDir, "--spring.datasource.url=" + PostgresTestDatabase.jdbcUrl(),
                "--spring.datasource.username=" + PostgresTestDatabase.user(), "--spring.datasource.password=",
                "--benteng.redis-url=" + PostgresTestDatabase.redisUrl(),
                "--benteng.redis-key-prefix=" + PostgresTestDatabase.redisPrefix()), extraArguments);
    }

    private static ConfigurableApplicationContext start(Clock clock, List<String> store, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--benteng.messaging.dispatcher.enabled=false", "--benteng.tracing.notify-in-background=false",
                // loopback is the trusted proxy, so each request can say which client address it comes from
                "--benteng.trusted-proxies=127.0.0.1/32,::1/128"));
        arguments.addAll(NO_PUMPING_SIGNAL);
        arguments.addAll(store);
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(BentengApplication.class)
                .initializers(context -> {
                    RootBeanDefinition primaryClock = new RootBeanDefinition(Clock.class, () -> clock);
                    primaryClock.setPrimary(true);
                    ((BeanDefinitionRegistry) context).registerBeanDefinition("testClock", primaryClock);
                })
                .run(arguments.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
