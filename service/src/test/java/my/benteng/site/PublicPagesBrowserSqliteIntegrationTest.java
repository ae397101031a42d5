package my.benteng.site;

import my.benteng.testing.Browser;
import my.benteng.testing.PageChecks;
import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages in headless Chromium on a phone (390 px) and a desktop (1280 px): each state passes axe-core with no
 * serious or critical violation and raises no CSP violation, and its screenshot lands in {@code target/screenshots/}.
 */
@SqliteIntegrationTest
class PublicPagesBrowserSqliteIntegrationTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void everyPublicPageStateIsAccessibleInBothLanguages(int width) {
        try (Browser browser = Browser.open(Math.max(width, 500), 900).viewport(width, 844)) {
            var driver = browser.driver();

            open(driver, "/?lang=ms");
            assertThat(((Number) driver.executeScript("return window.innerWidth")).intValue()).as("viewport").isEqualTo(width);
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ms");
            assertThat(driver.findElement(By.cssSelector("a[hreflang=en]")).getAttribute("lang")).as("English marked").isEqualTo("en");
            assertThat((Boolean) driver.executeScript("return typeof htmx === 'object'")).as("htmx loaded under the CSP").isTrue();
            PageChecks.check(browser, "landing-ms");

            driver.findElement(By.cssSelector("a[hreflang=en]")).click();
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(driver.findElement(By.tagName("h2")).getText()).isEqualTo("How to check in");
            PageChecks.check(browser, "landing-en");

            // the choice is remembered: the next page is English without ?lang
            driver.findElement(By.linkText("Privacy")).click();
            assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("90 days");
            PageChecks.check(browser, "privacy-en");

            open(driver, "/privacy?lang=ms");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("90 hari");
            PageChecks.check(browser, "privacy-ms");

            open(driver, "/help");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Hubungi meja bantuan");
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("submit")).isEnabled());
            PageChecks.check(browser, "help-empty");

            driver.findElement(By.id("submit")).click();
            WebElement summary = driver.findElement(By.id("error-summary"));
            new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> summary.isDisplayed());
            assertThat(summary.getText()).contains("Masukkan tajuk").contains("Masukkan mesej anda")
                    .contains("Masukkan nombor telefon bimbit atau e-mel anda");
            assertThat(driver.switchTo().activeElement()).as("the summary takes the focus").isEqualTo(summary);
            driver.findElement(By.cssSelector("#error-list a[href='#subject']")).click();
            assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("subject");
            PageChecks.check(browser, "help-errors");

            open(driver, "/no-such-page");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Halaman tidak dijumpai");
            PageChecks.check(browser, "not-found-ms");

            open(driver, "/no-such-page?lang=en");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
            PageChecks.check(browser, "not-found-en");

            open(driver, "/help");
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Contact the helpdesk");
            PageChecks.check(browser, "help-en");
        }
    }

    private void open(org.openqa.selenium.chrome.ChromeDriver driver, String path) {
        driver.get("http://localhost:" + port + path);
    }
}
