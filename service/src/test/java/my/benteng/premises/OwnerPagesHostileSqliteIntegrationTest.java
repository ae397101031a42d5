package my.benteng.premises;

import my.benteng.testing.ApiClient;
import my.benteng.testing.PremisesFixture;
import my.benteng.testing.SqliteIntegrationTest;
import my.benteng.testing.TestVerificationTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The venue owner's pages over raw HTTP, as an attacker would use them: forms without the CSRF token, someone else's
 * premises, an expired session on an htmx request, overlong and hostile fields, a foreign sign-in destination.
 */
@SqliteIntegrationTest
class OwnerPagesHostileSqliteIntegrationTest {

    private static final String HTML = "text/html,application/xhtml+xml";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestVerificationTokens tokens;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private PremisesFixture fixture() {
        return new PremisesFixture(new ApiClient(port), tokens);
    }

    @Test
    void aBrowserWithoutASessionIsSentToSignInAndComesBackToThePageItAskedFor() throws Exception {
        HttpResponse<String> r = send(get("/premises/mine").header("Accept", HTML));
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/sign-in?next=%2Fpremises%2Fmine");

        HttpResponse<String> api = send(get("/premises/mine").header("Accept", "application/json"));
        assertThat(api.statusCode()).as("not a browser: the problem, no redirect").isEqualTo(401);
    }

    @Test
    void anExpiredSessionOnAnHtmxRequestGetsAnHxRedirectToSignInAndTheCookieIsRemoved() throws Exception {
        PremisesFixture.Registered venue = fixture().register("Kedai Sesi Tamat");
        String cookie = "benteng_session=" + venue.ownerSession();
        assertThat(send(get("/premises/mine").header("Cookie", cookie).header("Accept", HTML)).statusCode()).isEqualTo(200);
        jdbc.sql("UPDATE account_session SET expires_at = 1 WHERE account_kind = 'CITIZEN' AND account_id = "
                + "(SELECT owner_id FROM premises WHERE id = :id)").param("id", venue.premisesId()).update();

        HttpResponse<String> r = send(get("/premises/mine/" + venue.premisesId() + "/revoke").header("Cookie", cookie)
                .header("HX-Request", "true").header("HX-Current-URL", "http://localhost:" + port + "/premises/mine"));
        assertThat(r.headers().firstValue("HX-Redirect")).hasValue("/sign-in?next=%2Fpremises%2Fmine");
        assertThat(r.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("benteng_session=;").contains("Max-Age=0"));
        assertThat(r.body()).doesNotContain(venue.premisesId());

        HttpResponse<String> foreign = send(get("/premises/mine").header("Cookie", cookie).header("HX-Request", "true")
                .header("HX-Current-URL", "https://evil.example/steal"));
        assertThat(foreign.headers().firstValue("HX-Redirect")).as("a foreign page is not a destination").hasValue("/sign-in");
    }

    @Test
    void anotherOwnersPremisesAnswersLikeAMissingOne() throws Exception {
        PremisesFixture.Registered mine = fixture().register("Kedai Saya");
        PremisesFixture.Registered theirs = fixture().register("Kedai Orang Lain");
        String cookie = "benteng_session=" + mine.ownerSession();

        for (String path : new String[] {"/poster.png", "/poster.pdf", "/revoke"}) {
            HttpResponse<String> other = send(get("/premises/mine/" + theirs.premisesId() + path).header("Cookie", cookie).header("Accept", HTML));
            HttpResponse<String> missing = send(get("/premises/mine/00000000-0000-4000-8000-000000000000" + path).header("Cookie", cookie)
                    .header("Accept", HTML));
            assertThat(other.statusCode()).as(path).isEqualTo(404);
            assertThat(missing.statusCode()).as(path).isEqualTo(404);
            assertThat(other.body()).as(path).isEqualTo(missing.body()).doesNotContain("Kedai Orang Lain");
        }
        assertThat(send(get("/premises/mine/" + mine.premisesId() + "/poster.png").header("Cookie", cookie)).statusCode()).isEqualTo(200);

        Page page = page("/premises/mine", cookie);
        assertThat(page.body()).contains("Kedai Saya").doesNotContain("Kedai Orang Lain").doesNotContain(theirs.premisesId());
        HttpResponse<String> revoke = post("/premises/mine/" + theirs.premisesId() + "/revoke", cookie, page, Map.of());
        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(qrVersion(theirs.premisesId())).as("their posters still work").isEqualTo(1);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefusedAndChangeNothing() throws Exception {
        PremisesFixture.Registered venue = fixture().register("Kedai CSRF");
        String cookie = "benteng_session=" + venue.ownerSession();
        HttpResponse<String> revoke = send(HttpRequest.newBuilder(uri("/premises/mine/" + venue.premisesId() + "/revoke"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")));
        assertThat(revoke.statusCode()).isEqualTo(403);
        assertThat(qrVersion(venue.premisesId())).isEqualTo(1);

        Page page = page("/premises/mine", cookie);
        HttpResponse<String> wrongToken = post("/premises/mine/" + venue.premisesId() + "/revoke", cookie,
                new Page(page.body(), page.xsrfCookie(), "Zm9yZ2Vk"), Map.of());
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(qrVersion(venue.premisesId())).isEqualTo(1);

        HttpResponse<String> withToken = post("/premises/mine/" + venue.premisesId() + "/revoke", cookie, page, Map.of());
        assertThat(withToken.statusCode()).isEqualTo(303);
        assertThat(qrVersion(venue.premisesId())).isEqualTo(2);

        HttpResponse<String> signOut = send(HttpRequest.newBuilder(uri("/sign-out")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
        assertThat(signOut.statusCode()).isEqualTo(403);
        assertThat(send(get("/premises/mine").header("Cookie", cookie).header("Accept", HTML)).statusCode())
                .as("the session survived the forged sign-out").isEqualTo(200);

        HttpResponse<String> again = send(get("/premises/mine").header("Cookie", cookie + "; " + page.xsrfCookie()).header("Accept", HTML));
        assertThat(again.headers().allValues("Set-Cookie")).as("a signed-in page keeps the CSRF token (parallel forms stay valid)")
                .noneMatch(c -> c.startsWith("XSRF-TOKEN="));
        HttpResponse<String> realSignOut = post("/sign-out", cookie, page("/premises/mine", cookie), Map.of());
        assertThat(realSignOut.statusCode()).as(realSignOut.body()).isEqualTo(302);
        assertThat(send(get("/premises/mine").header("Cookie", cookie).header("Accept", HTML)).statusCode())
                .as("signed out: the session no longer works").isEqualTo(303);
    }

    @Test
    void overlongAndHostileFieldsAreRefusedInWordsWithoutEchoingThemOrSpendingTheToken() throws Exception {
        Page page = page("/premises/register", null);
        String token = tokens.issue(PremisesFixture.newPhone(), "PREMISES_OWNER");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "<script>alert('x')</script>");
        fields.put("address", "A".repeat(5_000));
        fields.put("postcode", "5O45O");
        fields.put("state", "ATLANTIS");
        fields.put("category", "\u0000");
        fields.put("verificationToken", token);
        HttpResponse<String> r = post("/premises/register", null, page, fields);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Nama hanya boleh mengandungi huruf").contains("Alamat mestilah 300 aksara atau kurang")
                .contains("Masukkan poskod 5 digit").contains("Pilih negeri atau wilayah persekutuan").contains("Pilih jenis premis")
                .doesNotContain("<script>alert").doesNotContain("AAAAAAAAAAAAAAAAAAAA").doesNotContain("ATLANTIS")
                .doesNotContain("is not a state").doesNotContain("postcode:");
        assertThat(r.body()).as("the escaped name is put back for correction").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");

        fields.put("name", "Kedai Runcit Ah Seng");
        fields.put("address", "No. 1, Jalan Ampang");
        fields.put("postcode", "50450");
        fields.put("state", "KUALA_LUMPUR");
        fields.put("category", "RETAIL");
        HttpResponse<String> registered = post("/premises/register", null, page("/premises/register", null), fields);
        assertThat(registered.statusCode()).as("the token was not spent by the refused form").isEqualTo(303);
        assertThat(registered.headers().firstValue("Location").orElseThrow()).startsWith("/premises/mine?registered=");
        assertThat(registered.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("benteng_session=")
                .contains("HttpOnly").contains("SameSite=Strict").contains("Path=/"));

        HttpResponse<String> again = post("/premises/register", null, page("/premises/register", null), fields);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("Kod anda telah tamat tempoh atau telah digunakan");
    }

    @Test
    void registeringWhileSignedInEndsTheSessionTheNewCookieReplaces() throws Exception {
        PremisesFixture.Registered first = fixture().register("Kedai Pertama");
        String cookie = "benteng_session=" + first.ownerSession();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", "Kedai Kedua");
        fields.put("address", "No. 2, Jalan Ampang");
        fields.put("postcode", "50450");
        fields.put("state", "SELANGOR");
        fields.put("category", "OFFICE");
        fields.put("verificationToken", tokens.issue(PremisesFixture.newPhone(), "PREMISES_OWNER"));
        HttpResponse<String> r = post("/premises/register", cookie, page("/premises/register", cookie), fields);
        assertThat(r.statusCode()).isEqualTo(303);
        String replacement = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("benteng_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();

        assertThat(send(get("/premises/mine").header("Cookie", cookie).header("Accept", HTML)).statusCode())
                .as("the replaced session is ended").isEqualTo(303);
        HttpResponse<String> mine = send(get("/premises/mine").header("Cookie", replacement).header("Accept", HTML));
        assertThat(mine.body()).contains("Kedai Kedua").doesNotContain("Kedai Pertama");
    }

    @Test
    void signInSendsOnlyToPlacesOnThisSite() throws Exception {
        for (String next : new String[] {"//evil.example/x", "https://evil.example", "/\\evil.example", "/../etc", "/premises/mine?x=1"}) {
            HttpResponse<String> r = send(get("/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).header("Accept", HTML));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).as(next).contains("name=\"next\" value=\"/premises/mine\"").doesNotContain("evil");
        }
        HttpResponse<String> kept = send(get("/sign-in?next=%2Fpremises%2Fmine%2Fx").header("Accept", HTML));
        assertThat(kept.body()).contains("name=\"next\" value=\"/premises/mine/x\"");

        Page page = page("/sign-in", null);
        HttpResponse<String> bad = post("/sign-in", null, page, Map.of("verificationToken", "not-a-token-at-all-" + "x".repeat(300),
                "next", "//evil.example"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Kami tidak dapat melog masuk anda").doesNotContain("evil").doesNotContain("xxxxxxxx");
    }

    // ---- a browser's view of a form page: its CSRF token in the form and the CSRF cookie ----

    record Page(String body, String xsrfCookie, String csrf) {
    }

    private Page page(String path, String cookie) throws Exception {
        HttpRequest.Builder b = get(path).header("Accept", HTML);
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = send(b);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        String xsrf = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
        Matcher m = CSRF.matcher(r.body());
        assertThat(m.find()).as("a CSRF token in " + path).isTrue();
        return new Page(r.body(), xsrf, m.group(1));
    }

    private HttpResponse<String> post(String path, String cookie, Page page, Map<String, String> fields) throws Exception {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", page.csrf());
        String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        String cookies = cookie == null ? page.xsrfCookie() : cookie + "; " + page.xsrfCookie();
        return send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookies).header("Accept", HTML)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private int qrVersion(String premisesId) {
        return jdbc.sql("SELECT qr_version FROM premises WHERE id = :id").param("id", premisesId).query(Integer.class).single();
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
