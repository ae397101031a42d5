package my.benteng.platform.internal;

import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plain log format as the service configures it (logback-spring.xml, Spring Boot's pattern): a value with CR, LF or
 * another line-breaking character, in a message or in an exception's message, stays inside its own log line. This is
 * how "?x=%ff%0a..." wrote a forged audit line: Tomcat quoted the parameter in an exception message.
 */
@SqliteIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogForgingSqliteIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(LogForgingSqliteIntegrationTest.class);

    @Test
    void aRequestValueInAMessageOrAnExceptionCannotStartALineOfItsOwn(CapturedOutput output) {
        String marker = "FORGED" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        String forged = "x\n" + marker + " audit event=authn_login_success actor=staff:admin\r\n" + marker + "\u0085" + marker
                + "\u2028" + marker + "\u001b[2J";
        log.warn("query value {}", forged);
        log.warn("refused", new IllegalStateException("Parameter [x] with value [" + forged + "] has been ignored",
                new IllegalArgumentException(forged)));

        List<String> lines = output.getAll().lines().filter(l -> l.contains(marker)).toList();
        assertThat(lines).as(output.getAll()).hasSize(3); // the message, the exception, its cause: one line each
        assertThat(lines).noneMatch(l -> l.startsWith(marker));
        assertThat(lines.getFirst()).contains("x\\n" + marker + " audit").contains("\\r\\n" + marker).contains("\\u0085")
                .contains("\\u2028").contains("\\u001b[2J");
        assertThat(output.getAll()).doesNotContain("\u0085").doesNotContain("\u2028").doesNotContain("\u001b[2J");
    }
}
