package my.benteng.site;

import my.benteng.account.internal.AccountProperties;
import my.benteng.checkin.internal.CheckinProperties;
import my.benteng.otp.internal.OtpProperties;
import my.benteng.site.internal.RetentionFacts;
import my.benteng.site.internal.Span;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.tracing.internal.TracingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public pages over real HTTP: strict CSP, the language chosen by {@code ?lang} and remembered in a cookie,
 * nothing of the request echoed, a page for a browser's unknown path and the unchanged problem JSON for API clients.
 */
@SqliteIntegrationTest
class SitePagesIntegrationTest {

    private static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;

    @Autowired
    RetentionFacts facts;

    @Autowired
    CheckinProperties checkin;

    @Autowired
    TracingProperties tracing;

    @Autowired
    OtpProperties otp;

    @Autowired
    AccountProperties account;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theLandingPageIsMalayByDefaultUnderAStrictPolicy() throws Exception {
        HttpResponse<String> r = get("/", BROWSER_ACCEPT, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("<html lang=\"ms\"").contains("Cara daftar masuk").contains("href=\"/help\"")
                .contains("href=\"/privacy\"").contains("href=\"/premises/register\"").contains("href=\"/sign-in\"");
        assertStrictPolicy(r);
        assertThat(r.body()).as("no inline script or style").doesNotContainPattern("<script(?![^>]*\\ssrc=)")
                .doesNotContain("<style").doesNotContain(" style=");
    }

    @Test
    void englishIsChosenWithLangAndRememberedInALaxHttpOnlyCookie() throws Exception {
        HttpResponse<String> r = get("/?lang=en", BROWSER_ACCEPT, null);
        assertThat(r.body()).contains("<html lang=\"en\"").contains("How to check in");
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("lang=en;").contains("Path=/").contains("SameSite=Lax").contains("HttpOnly")
                .as("plain http here: Secure only over TLS").doesNotContain("Secure");

        HttpResponse<String> again = get("/privacy", BROWSER_ACCEPT, "lang=en");
        assertThat(again.body()).contains("<html lang=\"en\"").contains("What we never do");
        assertThat(again.headers().firstValue("Set-Cookie")).as("a remembered choice is not written again").isEmpty();

        HttpResponse<String> back = get("/?lang=ms", BROWSER_ACCEPT, "lang=en");
        assertThat(back.body()).contains("<html lang=\"ms\"");
        assertThat(back.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("lang=ms;");
    }

    @Test
    void anUnknownOrHostileLanguageMeansMalayAndIsNeverEchoed() throws Exception {
        for (String lang : new String[] {"fr", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "en%0d%0aSet-Cookie:%20x=1", "x".repeat(300)}) {
            HttpResponse<String> r = get("/?lang=" + lang, BROWSER_ACCEPT, null);
            assertThat(r.statusCode()).as(lang).isEqualTo(200);
            assertThat(r.body()).as(lang).contains("<html lang=\"ms\"").doesNotContain("alert(1)").doesNotContain("xxxxxxxx")
                    .doesNotContain("Set-Cookie");
            assertThat(r.headers().allValues("Set-Cookie")).as(lang).allSatisfy(c -> assertThat(c).matches("lang=(ms|en);.*"));
        }
        HttpResponse<String> forged = get("/", BROWSER_ACCEPT, "lang=\"<b>en</b>\"");
        assertThat(forged.body()).contains("<html lang=\"ms\"").doesNotContain("<b>en");
    }

    @Test
    void aBrowserGetsAFriendlyBilingualNotFoundPageThatDoesNotEchoThePath() throws Exception {
        HttpResponse<String> r = get("/no-such-page-%3Cimg%20src=x%20onerror=alert(1)%3E", BROWSER_ACCEPT, null);
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(r.body()).contains("<html lang=\"ms\"").contains("Halaman tidak dijumpai").doesNotContain("no-such-page")
                .doesNotContain("onerror");
        assertStrictPolicy(r);

        HttpResponse<String> english = get("/no-such-page?lang=en", BROWSER_ACCEPT, null);
        assertThat(english.statusCode()).isEqualTo(404);
        assertThat(english.body()).contains("<html lang=\"en\"").contains("Page not found");
    }

    @Test
    void apiClientsKeepTheProblemJsonForUnknownPaths() throws Exception {
        for (String[] c : new String[][] {{"/no-such-page", "application/json"}, {"/no-such-page", "*/*"},
                {"/no-such-page", null}, {"/api/v1/no-such-thing", BROWSER_ACCEPT}, {"/api/v1/no-such-thing", "application/json"}}) {
            HttpResponse<String> r = get(c[0], c[1], null);
            assertThat(r.statusCode()).as(c[0] + " " + c[1]).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).as(c[0] + " " + c[1]).get().asString().startsWith("application/problem+json");
            assertThat(r.body()).as(c[0] + " " + c[1]).contains("\"type\":\"urn:benteng:problem:not-found\"").contains("\"requestId\"")
                    .doesNotContain("no-such");
        }
    }

    @Test
    void thePrivacyPageStatesTheConfiguredRetentionInTheVisitorsLanguage() throws Exception {
        HttpResponse<String> ms = get("/privacy", BROWSER_ACCEPT, null);
        assertThat(ms.statusCode()).isEqualTo(200);
        assertThat(ms.body()).contains("Dipadam selepas 90 hari.").contains("sah selama 5 minit").contains("tamat selepas 12 jam");
        assertStrictPolicy(ms);
        HttpResponse<String> en = get("/privacy", BROWSER_ACCEPT, "lang=en");
        assertThat(en.body()).contains("Deleted after 90 days.").contains("valid for 5 minutes").contains("ends after 12 hours")
                .contains("between 1 day and 10 years");
    }

    @Test
    void theRetentionFiguresAreTheOnesTheModulesObey() {
        assertThat(facts.checkins()).isEqualTo(Span.of(checkin.retention()));
        assertThat(facts.tracing()).isEqualTo(Span.of(tracing.retention()));
        assertThat(facts.codeValidity()).isEqualTo(Span.of(otp.codeTtl()));
        assertThat(facts.codeRecord()).isEqualTo(Span.of(otp.cooldownMemory()));
        assertThat(facts.verificationToken()).isEqualTo(Span.of(otp.tokenTtl()));
        assertThat(facts.citizenSession()).isEqualTo(Span.of(account.citizenSessionLifetime()));
        assertThat(facts.staffSession()).isEqualTo(Span.of(account.staffSessionLifetime()));
        assertThat(facts.sessionIdle()).isEqualTo(Span.of(account.sessionIdleTimeout()));
    }

    @Test
    void theLandingPagesVenueAndSignInLinksLeadToRealPagesAndHtmxIsServedFromThisOrigin() throws Exception {
        HttpResponse<String> register = get("/premises/register", BROWSER_ACCEPT, null);
        assertThat(register.statusCode()).isEqualTo(200);
        assertThat(register.body()).contains("<h1>Daftar premis</h1>");
        HttpResponse<String> signIn = get("/sign-in", BROWSER_ACCEPT, null);
        assertThat(signIn.statusCode()).isEqualTo(200);
        assertThat(signIn.body()).contains("<h1>Log masuk</h1>");
        HttpResponse<String> htmx = get("/webjars/htmx.org/dist/htmx.min.js", "*/*", null);
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
    }

    private static void assertStrictPolicy(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("default-src 'self'").contains("style-src 'self'").contains("object-src 'none'")
                .contains("frame-ancestors 'none'").contains("base-uri 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http:").doesNotContain("https:")
                .doesNotContain("*");
    }

    private HttpResponse<String> get(String path, String accept, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
