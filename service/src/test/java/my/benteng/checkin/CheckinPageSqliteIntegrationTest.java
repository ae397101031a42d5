package my.benteng.checkin;

import my.benteng.messaging.internal.OutboxDispatcher;
import my.benteng.premises.QrToken;
import my.benteng.testing.ApiClient;
import my.benteng.testing.Browser;
import my.benteng.testing.CodeJourney;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestClock;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Base64;

import static my.benteng.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check-in page a phone opens from a poster, in headless Chromium: phone number, proof of work solved by the
 * page's own script, the code read from the dev outbox, a name for a new number, and the confirmation.
 */
@SqliteIntegrationTest
class CheckinPageSqliteIntegrationTest {

    private static final String HOSTILE_NAME = "Kedai Kopi Ah Seng & Anak (Cawangan #2)";

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    OutboxDispatcher dispatcher;

    @Autowired
    TestClock clock;

    ApiClient api;
    PremisesFixture fixture;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        fixture = new PremisesFixture(api, tokens);
        // outside the shield's quiet hours (00:00-06:00 Kuala Lumpur), where first contact needs the high difficulty
        int hour = ZonedDateTime.now(ZoneId.of("Asia/Kuala_Lumpur")).getHour();
        if (hour < 6) {
            clock.advance(Duration.ofHours(7 - hour));
        }
    }

    private static WebElement visible(WebDriver driver, String id) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
    }

    @Test
    void aNewPersonChecksInFromThePosterPageAndTheGuardSeesALiveConfirmation() throws Exception {
        PremisesFixture.Registered premises = fixture.register(HOSTILE_NAME);
        String phone = CodeJourney.newMobile();
        CodeJourney outbox = new CodeJourney(port, dispatcher);
        assertThat(api.get("/c/" + premises.token(), null).body()).contains("Ah Seng &amp; Anak"); // escaped by the server
        try (Browser browser = Browser.phone()) {
            var driver = browser.driver();
            driver.get("http://localhost:" + port + "/c/" + premises.token());
            assertThat(driver.findElement(By.id("premises-name")).getText()).isEqualTo(HOSTILE_NAME);

            visible(driver, "phone").sendKeys(phone);
            driver.findElement(By.id("send-code")).click();
            visible(driver, "code").sendKeys(outbox.readCode(phone));
            driver.findElement(By.id("verify-code")).click();
            visible(driver, "name").sendKeys("Nurul Izzah binti Hassan");
            driver.findElement(By.id("create-account")).click();

            visible(driver, "step-done");
            assertThat(driver.findElement(By.id("done-premises")).getText()).isEqualTo(HOSTILE_NAME);
            assertThat(driver.findElement(By.id("done-time")).getText()).matches("\\d{2}:\\d{2}:\\d{2} · .+");
            String before = driver.findElement(By.id("live-clock")).getText();
            new WebDriverWait(driver, Duration.ofSeconds(5))
                    .until(d -> !d.findElement(By.id("live-clock")).getText().equals(before)); // it ticks: not a screenshot
            assertThat(driver.findElement(By.id("tick")).getCssValue("animation-name")).isEqualTo("pulse");

            // the check-in is real: the session the page kept sees it in its history
            String session = (String) driver.executeScript(
                    "return JSON.parse(localStorage.getItem('benteng.citizenSession')).token");
            HttpResponse<String> history = api.get("/api/v1/me/checkins", session);
            assertThat(json(history).path("items").get(0).path("premisesName").asString()).isEqualTo(HOSTILE_NAME);

            // the next scan needs no code: the kept session checks in at once (a repeat scan: same visit)
            driver.get("http://localhost:" + port + "/c/" + premises.token());
            visible(driver, "step-done");
            assertThat(json(api.get("/api/v1/me/checkins", session)).path("items").size()).isEqualTo(1);

            // signed out, the same person signs in with a code and is not asked for a name again
            driver.findElement(By.id("sign-out")).click();
            // the page sends the DELETE without waiting for it (the session is gone locally at once): give it time
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (api.get("/api/v1/me", session).statusCode() != 401 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(api.get("/api/v1/me", session).statusCode()).isEqualTo(401);
            clock.advance(Duration.ofMinutes(11)); // past the resend cooldown for this number
            visible(driver, "phone").clear();
            driver.findElement(By.id("phone")).sendKeys(phone);
            driver.findElement(By.id("send-code")).click();
            visible(driver, "code").sendKeys(outbox.readCode(phone));
            driver.findElement(By.id("verify-code")).click();
            visible(driver, "step-done");
            assertThat(driver.findElement(By.id("step-name")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("done-premises")).getText()).isEqualTo(HOSTILE_NAME);
        }
    }

    @Test
    void forgedRevokedAndGarbageCodesGetOneGenericPageWithoutTheInput() {
        PremisesFixture.Registered premises = fixture.register("Klinik Kesihatan Seri Kembangan");
        byte[] raw = Base64.getUrlDecoder().decode(premises.token());
        raw[raw.length - 1] ^= 1;
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        HttpResponse<String> reissued = api.post("/api/v1/premises/" + premises.premisesId() + "/qr", "", premises.ownerSession());
        assertThat(reissued.statusCode()).as(reissued.body()).isEqualTo(200);

        String generic = null;
        for (String bad : new String[]{forged, premises.token(), "AAAA", "x".repeat(QrToken.MAX_INPUT + 1),
                "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "..%2F..%2Fetc%2Fpasswd"}) {
            HttpResponse<String> r = api.get("/c/" + bad, null);
            assertThat(r.statusCode()).as(bad).isIn(400, 404);
            if (r.statusCode() == 404) {
                assertThat(r.body()).contains("Kod QR tidak sah").doesNotContain(bad).doesNotContain("<script>alert")
                        .doesNotContain("Exception");
                generic = generic == null ? r.body() : generic;
                assertThat(r.body()).isEqualTo(generic);
            }
        }
        String fresh = json(reissued).path("qrUrl").asString();
        assertThat(api.get(fresh.substring(fresh.indexOf("/c/")), null).statusCode()).isEqualTo(200);

        try (Browser browser = Browser.phone()) {
            browser.driver().get("http://localhost:" + port + "/c/" + forged);
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Kod QR tidak sah");
            assertThat(browser.driver().getPageSource()).doesNotContain(forged);
            assertThat(browser.driver().findElements(By.id("phone"))).isEmpty();
        }
    }
}
