package my.benteng.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default with e-mail going to a real SMTP server (GreenMail on a free port, one per test JVM)
 * instead of the dev outbox, its own SQLite data directory, and a known helpdesk inbound secret. SMS still goes
 * to the dev outbox. Everything else is as in {@link SqliteIntegrationTest}.
 */
public class GreenMailSmtp implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** The MTA's shared secret in this context (test value, not a real secret). */
    public static final String INBOUND_SECRET = "test-inbound-secret-0123456789-abcdefghijkl";

    private static final GreenMail GREEN_MAIL = start();
    private static final Path DATA_DIR = newDataDir();

    public static GreenMail greenMail() {
        return GREEN_MAIL;
    }

    public static Path dataDir() {
        return DATA_DIR;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "benteng.data-dir=" + DATA_DIR,
                "benteng.redis-url=",
                "benteng.messaging.email.mode=provider",
                "benteng.messaging.email.from=donotreply@benteng.example",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + GREEN_MAIL.getSmtp().getPort(),
                "benteng.helpdesk.inbound-secret=" + INBOUND_SECRET);
        SharedTestContext.apply(context);
    }

    private static GreenMail start() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
        return greenMail;
    }

    private static Path newDataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-sqlite-mail-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
