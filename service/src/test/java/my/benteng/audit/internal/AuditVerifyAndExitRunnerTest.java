package my.benteng.audit.internal;

import my.benteng.audit.AuditChain;
import my.benteng.audit.AuditCheckpoint;
import my.benteng.audit.AuditVerification;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.test.context.support.TestPropertySourceUtils;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AuditVerifyAndExitRunnerTest {

    @Test
    void printsTheReportAndExitsWithZeroWhenIntact() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = runner(new AuditVerification(true, 42, null, null, 40, null)).report(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"intact\":true").contains("\"entriesChecked\":42").endsWith("\n");
    }

    @Test
    void exitsWithThreeWhenBroken() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = runner(new AuditVerification(false, 6, 7L, AuditVerification.HASH_MISMATCH, 0, null))
                .report(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"firstBrokenSeq\":7").contains("\"problem\":\"hash_mismatch\"");
    }

    @Test
    void theSwitchStartsNoWebServer() {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "benteng.audit.verify-and-exit=");
        new VerifyAndExitEnvironment().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");

        StandardEnvironment normal = new StandardEnvironment();
        new VerifyAndExitEnvironment().postProcessEnvironment(normal, new SpringApplication());
        assertThat(normal.getProperty("spring.main.web-application-type")).isNull();
    }

    private static VerifyAndExitRunner runner(AuditVerification result) {
        AuditChain chain = new AuditChain() {
            @Override
            public AuditVerification verify() {
                return result;
            }

            @Override
            public AuditVerification verify(AuditCheckpoint externalAnchor) {
                return result;
            }

            @Override
            public Optional<AuditCheckpoint> latestCheckpoint() {
                return Optional.empty();
            }

            @Override
            public Optional<AuditCheckpoint> checkpoint() {
                return Optional.empty();
            }
        };
        return new VerifyAndExitRunner(chain, JsonMapper.builder().build(), null);
    }
}
