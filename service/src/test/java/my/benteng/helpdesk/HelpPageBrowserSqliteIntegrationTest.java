package my.benteng.helpdesk;

import my.benteng.testing.Browser;
import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.testing.ApiClient;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.TestClock;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.ZoneOffset;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /help} in headless Chromium on a phone-sized screen: the page loads under the platform's CSP (its script
 * is same-origin), the browser solves the proof of work with WebCrypto, and the reference appears.
 */
@SqliteIntegrationTest
class HelpPageBrowserSqliteIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    OutboxDispatcher dispatcher;

    @Test
    void aCitizenFillsTheFormTheBrowserSolvesTheProofOfWorkAndTheReferenceAppears() {
        String contact = HelpdeskFixture.newEmail();
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + port + "/help");
            new Select(driver.findElement(By.id("category"))).selectByValue("CHECK_IN");
            driver.findElement(By.id("subject")).sendKeys("QR code does not scan");
            driver.findElement(By.id("message")).sendKeys("At the pasar malam the poster QR is not read.\nPlease help.");
            driver.findElement(By.id("contact")).sendKeys(contact);
            driver.findElement(By.id("submit")).click();

            WebElement reference = driver.findElement(By.id("reference"));
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> reference.isDisplayed() && !reference.getText().isBlank());

            String shown = reference.getText();
            assertThat(shown).matches("HD-[A-Z0-9]{8}");
            assertThat(jdbc.sql("SELECT category || ' ' || contact || ' ' || subject FROM helpdesk_ticket WHERE reference = :r")
                    .param("r", shown).query(String.class).single()).isEqualTo("CHECK_IN " + contact + " QR code does not scan");
            // the reference can only appear because the same-origin script ran under the CSP and solved the PoW
            assertThat(driver.findElements(By.cssSelector("script:not([src])"))).as("no inline script").isEmpty();
        }
    }

    @Test
    void aCitizenWhoVerifiesTheContactInTheFormGetsTheAcknowledgementCarryingOnlyTheReference() {
        // midday in Kuala Lumpur: no quiet-hours difficulty for a first contact, whenever the suite runs
        TestClock.INSTANCE.set(LocalDate.now(ZoneOffset.UTC).atTime(4, 0).toInstant(ZoneOffset.UTC));
        String contact = HelpdeskFixture.newEmail();
        CodeJourney outbox = new CodeJourney(port, dispatcher);
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + port + "/help");
            driver.findElement(By.id("subject")).sendKeys("Sijil vaksin");
            driver.findElement(By.id("message")).sendKeys("Nama saya salah eja pada sijil.");
            driver.findElement(By.id("contact")).sendKeys(contact);
            driver.findElement(By.id("verify")).click();

            WebElement step = driver.findElement(By.id("verify-step"));
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> step.isDisplayed());
            driver.findElement(By.id("code")).sendKeys(outbox.readCode(contact));
            driver.findElement(By.id("confirm")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElement(By.id("verified")).isDisplayed());
            driver.findElement(By.id("submit")).click();

            WebElement reference = driver.findElement(By.id("reference"));
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> reference.isDisplayed() && !reference.getText().isBlank());
            String shown = reference.getText();
            while (dispatcher.dispatchDue() > 0) {
                // deliver the acknowledgement to the dev outbox
            }
            JsonNode acknowledgement = null;
            for (JsonNode m : ApiClient.json(new ApiClient(port).get("/dev/outbox?limit=200", null))) {
                if (contact.equals(m.path("to").asString()) && "HELPDESK_ACKNOWLEDGEMENT".equals(m.path("template").asString())) {
                    acknowledgement = m;
                }
            }
            assertThat(acknowledgement).as("acknowledgement in the dev outbox").isNotNull();
            assertThat(acknowledgement.path("subject").asString()).contains(shown);
            assertThat(acknowledgement.toString()).doesNotContain("Sijil").doesNotContain("salah eja");
        }
    }

    @Test
    void aRefusedFieldIsExplainedOnThePageWithoutEchoingIt() {
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + port + "/help");
            driver.findElement(By.id("subject")).sendKeys("Hello");
            driver.findElement(By.id("message")).sendKeys("Text");
            driver.findElement(By.id("contact")).sendKeys("<img src=x onerror=alert(1)>");
            driver.findElement(By.id("submit")).click();

            // the API says "contact must be a mobile number or an e-mail address"; the page says it in the visitor's words
            WebElement summary = driver.findElement(By.id("error-summary"));
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> summary.isDisplayed());
            assertThat(summary.getText()).contains("Masukkan nombor telefon bimbit").doesNotContain("<img").doesNotContain("contact");
            assertThat(driver.findElement(By.id("contact-error")).getText()).contains("Masukkan nombor telefon bimbit");
            assertThat(driver.findElement(By.id("contact")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(driver.findElements(By.cssSelector("img"))).isEmpty();
            assertThat(driver.findElement(By.id("result")).isDisplayed()).isFalse();
        }
    }
}
