package my.benteng.account.internal;

import my.benteng.BentengApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The first-operator command against a fresh embedded database (a context of its own, no web server). */
class CreateOperatorCommandIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void createsTheFirstOperatorOnceAndPrintsTheProvisioningUri() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BentengApplication.class)
                .web(WebApplicationType.NONE).run("--benteng.data-dir=" + dataDir, "--benteng.redis-url=")) {
            CreateOperatorCommand command = new CreateOperatorCommand(context.getBean(StaffService.class),
                    context.getBean(AccountProperties.class), context);

            Output weak = new Output();
            assertThat(command.execute("alice", "password1234", weak.out, weak.err)).isEqualTo(CreateOperatorCommand.REFUSED);
            assertThat(weak.err()).contains("password").doesNotContain("password1234");
            Output none = new Output();
            assertThat(command.execute("alice", null, none.out, none.err)).isEqualTo(CreateOperatorCommand.REFUSED);
            assertThat(none.err()).contains(CreateOperatorCommand.PASSWORD_ENV);

            Output first = new Output();
            assertThat(command.execute("Alice", "a long and unusual passphrase", first.out, first.err)).isEqualTo(CreateOperatorCommand.CREATED);
            assertThat(first.out()).contains("otpauth://totp/Benteng:alice?secret=").doesNotContain("passphrase");
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT roles FROM staff WHERE username = 'alice'").query(String.class).single()).isEqualTo("OPERATOR");
            assertThat(jdbc.sql("SELECT password_hash FROM staff WHERE username = 'alice'").query(String.class).single()).startsWith("$argon2id$");

            Output second = new Output();
            assertThat(command.execute("bob", "another long passphrase", second.out, second.err)).isEqualTo(CreateOperatorCommand.REFUSED);
            assertThat(second.err()).contains("already exists");
            assertThat(second.out()).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM staff").query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    void theSwitchTurnsTheWebServerOff() {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "benteng.account.create-operator=alice");
        new CreateOperatorEnvironment().postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");

        StandardEnvironment normal = new StandardEnvironment();
        new CreateOperatorEnvironment().postProcessEnvironment(normal, new SpringApplication());
        assertThat(normal.getProperty("spring.main.web-application-type")).isNull();
    }

    @Test
    void prodProfileRequiresBothAccountKeys() {
        AccountProperties unset = new AccountProperties("", "", java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12),
                java.time.Duration.ofHours(8), java.time.Duration.ofMinutes(1), 5, java.time.Duration.ofMinutes(15), "Benteng", "");
        assertThat(new AccountConfiguration().accountProductionCheck(unset).problems())
                .anySatisfy(p -> assertThat(p).startsWith("benteng.account.contact-key"))
                .anySatisfy(p -> assertThat(p).startsWith("benteng.account.secrets-key"));
        AccountProperties set = new AccountProperties("a", "b", java.time.Duration.ofMinutes(30), java.time.Duration.ofHours(12),
                java.time.Duration.ofHours(8), java.time.Duration.ofMinutes(1), 5, java.time.Duration.ofMinutes(15), "Benteng", "");
        assertThat(new AccountConfiguration().accountProductionCheck(set).problems()).isEmpty();
        assertThat(set.toString()).doesNotContain("=a,").contains("(set)");
    }

    private static final class Output {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
