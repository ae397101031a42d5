package my.benteng.testing;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * Headless Debian Chromium driven through Debian's chromedriver (both installed by {@code .ci/ensure-browser}).
 * Each browser gets an empty profile and its own documentation address (2001:db8::/32) through
 * X-Forwarded-For from the trusted loopback proxy, so browser tests do not share per-IP limits with each
 * other or with API tests. Close it (try-with-resources).
 */
public final class Browser implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChromeDriver driver;
    private final Path profile;
    private final String clientIp;

    private Browser(ChromeDriver driver, Path profile, String clientIp) {
        this.driver = driver;
        this.profile = profile;
        this.clientIp = clientIp;
    }

    /** A phone-sized headless browser (412 × 915 CSS pixels). */
    public static Browser phone() {
        return open(412, 915);
    }

    public static Browser open(int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("benteng-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // the machine's network is closed: without these flags Chromium keeps trying to reach Google's hosts
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
        // the console is kept so that a test can assert the page raised no CSP violation
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        String ip = String.format("2001:db8:%x:%x::%x", RANDOM.nextInt(0xffff), RANDOM.nextInt(0xffff), 1 + RANDOM.nextInt(0xfff));
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", ip)));
        return new Browser(driver, profile, ip);
    }

    /**
     * A page viewport of exactly {@code width} × {@code height} CSS pixels, as a phone of that size shows it. Headless
     * Chromium will not make a window narrower than 500 px, so a 390 px phone is emulated rather than sized.
     */
    public Browser viewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 700));
        return this;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public String clientIp() {
        return clientIp;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp profile left behind is harmless
            }
        }
    }
}
