package my.benteng.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Points the context at a new SQLite data directory under {@code target/}, made once per test JVM. */
public class SqliteTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Path DATA_DIR = newDataDir();

    public static Path dataDir() {
        return DATA_DIR;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertySourceUtils.addInlinedPropertiesToEnvironment(context,
                "benteng.data-dir=" + DATA_DIR,
                "benteng.redis-url=");
        SharedTestContext.apply(context);
    }

    private static Path newDataDir() {
        try {
            Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(Path.of("target").toAbsolutePath(), "it-sqlite-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
