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
 * Like {@link SqliteIntegrationTest}, but e-mail leaves through the real SMTP channel to GreenMail
 * ({@link GreenMailSmtp#greenMail()}). All classes with this annotation share one cached context of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GreenMailSmtp.class)
@Tag("sqlite")
@Import(TestSupportConfiguration.class)
@ExtendWith(TestClock.Reset.class)
public @interface SqliteMailIntegrationTest {
}
