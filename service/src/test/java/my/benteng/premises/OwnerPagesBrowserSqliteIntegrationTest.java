package my.benteng.premises;

import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.Browser;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.PageChecks;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A venue owner in headless Chromium, on a phone (390 px) and a desktop (1280 px): registers a premises end to end (the
 * page solves the proof of work, the code is read from the dev outbox as a phone would receive it), lands on "my
 * premises", downloads the poster, revokes the QR code after the confirmation step, signs out, signs in again with a
 * code and sees the venue. Every state passes axe-core and raises no CSP violation; screenshots in target/screenshots.
 */
@SqliteIntegrationTest
class OwnerPagesBrowserSqliteIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "{0} px")
    @ValueSource(ints = {390, 1280})
    void anOwnerRegistersSeesTheVenueDownloadsThePosterRevokesTheQrAndSignsInAgain(int width) throws Exception {
        // midday in Kuala Lumpur: no quiet-hours difficulty for a first contact, whenever the suite runs
        TestClock.INSTANCE.set(LocalDate.now(ZoneOffset.UTC).atTime(4, 0).toInstant(ZoneOffset.UTC));
        String phone = CodeJourney.newMobile();
        String venue = "Kedai Runcit Ah Seng " + width;
        CodeJourney outbox = new CodeJourney(port, dispatcher);
        try (Browser browser = Browser.open(Math.max(width, 500), 900).viewport(width, 844)) {
            ChromeDriver driver = browser.driver();
            // htmx replaces the form: an element found a moment ago may be gone when it is read
            WebDriverWait wait = (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class);

            open(driver, "/premises/register?lang=en");
            wait.until(d -> d.findElement(By.id("send-code")).isEnabled());
            PageChecks.check(browser, "premises-register-en");

            // nothing filled in: every field is explained in words, the summary takes the focus (htmx swapped the form)
            driver.findElement(By.id("register")).click();
            wait.until(d -> !d.findElements(By.id("error-summary")).isEmpty());
            WebElement summary = driver.findElement(By.id("error-summary"));
            assertThat(summary.getText()).contains("Enter the name of the premises").contains("Enter the address")
                    .contains("Enter the postcode").contains("Choose the state or federal territory").contains("Choose the kind of premises")
                    .contains("Verify your mobile number with a code first").doesNotContain("postcode:").doesNotContain("is required");
            assertThat(driver.getCurrentUrl()).as("htmx: no page load").endsWith("/premises/register?lang=en");
            wait.until(d -> "error-summary".equals(d.switchTo().activeElement().getAttribute("id")));
            PageChecks.check(browser, "premises-register-errors-en");

            // hostile text comes back as text, and the page stays Malay-or-English words, never the API's
            driver.findElement(By.id("name")).sendKeys("<img src=x onerror=alert(1)>");
            driver.findElement(By.id("register")).click();
            wait.until(d -> d.findElement(By.id("error-summary")).getText().contains("The name may contain only"));
            assertThat(driver.findElements(By.cssSelector("main img"))).as("no markup from the input").isEmpty();
            assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("<img src=x onerror=alert(1)>");

            driver.findElement(By.id("name")).clear();
            driver.findElement(By.id("name")).sendKeys(venue);
            driver.findElement(By.id("address")).sendKeys("No. 12, Jalan Tun Razak");
            driver.findElement(By.id("postcode")).sendKeys("50400");
            new Select(driver.findElement(By.id("state"))).selectByValue("KUALA_LUMPUR");
            new Select(driver.findElement(By.id("category"))).selectByValue("RETAIL");
            driver.findElement(By.id("phone")).sendKeys(phone);
            driver.findElement(By.id("send-code")).click();
            wait.until(d -> d.findElement(By.id("code-group")).isDisplayed());
            driver.findElement(By.id("code")).sendKeys(outbox.readCode(phone));
            driver.findElement(By.id("check-code")).click();
            wait.until(d -> d.findElement(By.id("phone-verified")).isDisplayed());
            PageChecks.check(browser, "premises-register-verified-en");

            driver.findElement(By.id("register")).click();
            wait.until(d -> d.getCurrentUrl().contains("/premises/mine?registered="));
            assertThat(driver.findElement(By.id("notice")).getText()).contains("Premises registered");
            WebElement card = driver.findElement(By.cssSelector(".premises-card"));
            assertThat(card.getText()).contains(venue).contains("Wilayah Persekutuan Kuala Lumpur").contains("Issue 1");
            assertThat(card.findElements(By.cssSelector("table.counts tbody tr"))).as("14 days of counts").hasSize(14);
            PageChecks.check(browser, "premises-mine-registered-en");

            // the session cookie: HttpOnly and SameSite=Strict (Secure only under https: this test runs on plain http)
            Cookie session = driver.manage().getCookieNamed("benteng_session");
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            assertThat((Boolean) driver.executeScript("return document.cookie.indexOf('benteng_session') < 0")).as("no script reads it").isTrue();

            // the poster link works with the browser's session (downloaded here over HTTP with the same cookie)
            String png = card.findElement(By.cssSelector("a.poster-png")).getAttribute("href");
            HttpResponse<byte[]> poster = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(png))
                    .header("Cookie", "benteng_session=" + session.getValue()).header("X-Forwarded-For", browser.clientIp()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(poster.statusCode()).isEqualTo(200);
            assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(poster.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');

            // revoke: htmx shows the confirmation inside the card, the POST carries the CSRF token
            String premisesId = card.getAttribute("id").substring("premises-".length());
            card.findElement(By.cssSelector("a.revoke-link")).click();
            wait.until(d -> !d.findElements(By.id("revoke-confirm")).isEmpty());
            assertThat(driver.getCurrentUrl()).as("htmx: still on my premises").contains("/premises/mine");
            assertThat(driver.findElement(By.id("revoke-confirm")).getText()).contains("Every poster of this premises stops working");
            PageChecks.check(browser, "premises-mine-revoke-confirm-en");
            driver.findElement(By.cssSelector("#revoke-confirm button[type=submit]")).click();
            wait.until(d -> d.getCurrentUrl().contains("revoked="));
            assertThat(driver.findElement(By.id("notice")).getText()).contains("QR code revoked");
            assertThat(driver.findElement(By.cssSelector(".premises-card")).getText()).contains("Issue 2");
            assertThat(jdbc.sql("SELECT qr_version FROM premises WHERE id = :id").param("id", premisesId).query(Integer.class).single()).isEqualTo(2);
            PageChecks.check(browser, "premises-mine-revoked-en");

            // sign out, then "my premises" sends the browser to sign in, in Malay now
            driver.findElement(By.cssSelector("form[action='/sign-out'] button")).click();
            wait.until(d -> !d.getCurrentUrl().contains("/premises/mine"));
            assertThat(driver.getCurrentUrl()).isEqualTo("http://localhost:" + port + "/");
            assertThat(driver.manage().getCookieNamed("benteng_session")).isNull();
            open(driver, "/?lang=ms");
            open(driver, "/premises/mine");
            wait.until(d -> d.getCurrentUrl().contains("/sign-in?next="));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Log masuk");
            wait.until(d -> d.findElement(By.id("send-code")).isEnabled());
            PageChecks.check(browser, "sign-in-ms");

            driver.findElement(By.id("send-code")).click();
            wait.until(d -> d.findElement(By.id("phone-error")).isDisplayed());
            assertThat(driver.findElement(By.id("phone-error")).getText()).isEqualTo("Masukkan nombor telefon bimbit anda");
            PageChecks.check(browser, "sign-in-error-ms");

            driver.findElement(By.id("phone")).sendKeys(phone);
            driver.findElement(By.id("send-code")).click();
            wait.until(d -> d.findElement(By.id("code-group")).isDisplayed());
            PageChecks.check(browser, "sign-in-code-ms");
            driver.findElement(By.id("code")).sendKeys(outbox.readCode(phone));
            driver.findElement(By.id("check-code")).click();
            // the verified code submits the form by itself; back on my premises with the venue
            wait.until(d -> d.getCurrentUrl().endsWith("/premises/mine"));
            assertThat(driver.findElement(By.cssSelector(".premises-card")).getText()).contains(venue).contains("Keluaran 2");
            PageChecks.check(browser, "premises-mine-ms");
        }
    }

    private void open(ChromeDriver driver, String path) {
        driver.get("http://localhost:" + port + path);
    }
}
