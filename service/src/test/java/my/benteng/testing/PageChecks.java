package my.benteng.testing;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every page state is checked for in a real browser: axe-core finds no serious or critical violation (WCAG 2.x A
 * and AA rules and best practices), the console shows no Content-Security-Policy violation, and a full-page screenshot
 * is saved under {@code target/screenshots/} for a person to look at.
 */
public final class PageChecks {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    private PageChecks() {
    }

    /** Runs the checks on the page the browser shows now; {@code state} names the screenshot ({@code landing-ms}). */
    public static void check(Browser browser, String state) {
        ChromeDriver driver = browser.driver();
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"))
                .analyze(driver);
        List<Rule> blocking = results.getViolations().stream().filter(v -> BLOCKING.contains(v.getImpact())).toList();
        assertThat(blocking).as(state + ": axe serious/critical violations: " + describe(blocking)).isEmpty();
        List<String> csp = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
        assertThat(csp).as(state + ": CSP violations in the console").isEmpty();
        screenshot(driver, state);
    }

    private static void screenshot(ChromeDriver driver, String state) {
        long width = ((Number) driver.executeScript("return window.innerWidth")).longValue();
        long viewport = ((Number) driver.executeScript("return window.innerHeight")).longValue();
        long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
        try {
            // the whole page, not only what fits the viewport: the device metrics grow to the page's height for the shot
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width,
                    "height", Math.min(Math.max(height, viewport), 6000), "deviceScaleFactor", 1, "mobile", width < 700));
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(state + "-" + width + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", viewport, "deviceScaleFactor", 1, "mobile", width < 700));
        }
    }

    private static String describe(List<Rule> rules) {
        return rules.stream().map(r -> r.getId() + " (" + r.getImpact() + ") " + r.getHelp() + " at "
                + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
    }
}
