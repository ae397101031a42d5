package my.benteng.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A full application context on the embedded default: a fresh SQLite file per test JVM (limits and shield
 * state in it too), the dev outbox. All classes with this annotation share one cached context.
 * <p>Time comes from {@link TestClock} (reset after each test), and the messaging outbox is not
 * polled in the background: a test that wants its messages delivered calls
 * {@code OutboxDispatcher.dispatchDue()} (see {@code SharedTestContext}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = SqliteTestDatabase.class)
@Tag("sqlite")
@Import(TestSupportConfiguration.class)
@ExtendWith(TestClock.Reset.class)
public @interface SqliteIntegrationTest {
}
