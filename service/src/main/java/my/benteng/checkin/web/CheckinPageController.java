package my.benteng.checkin.web;

import my.benteng.premises.CheckinSite;
import my.benteng.premises.PremisesDirectory;
import my.benteng.premises.QrToken;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import java.util.Optional;

/**
 * {@code GET /c/{token}}: the page a phone opens when it scans a premises poster. Server-rendered HTML; the
 * same-origin script {@code /assets/checkin.js} walks a person without a session through phone number, proof of
 * work and code, then checks them in through the JSON API and shows the confirmation a guard at the door looks at.
 * No inline script (the CSP allows scripts from this origin only) and nothing from another origin.
 */
@RestController
class CheckinPageController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final PremisesDirectory premises;

    CheckinPageController(PremisesDirectory premises) {
        this.premises = premises;
    }

    @GetMapping("/c/{token}")
    ResponseEntity<String> page(@PathVariable("token") String token) {
        Optional<CheckinSite> site = token.length() > QrToken.MAX_INPUT ? Optional.empty() : QrToken.parse(token).flatMap(premises::verify);
        // the token is in the URL: never cache the page, and the platform's no-referrer policy keeps it out of Referer
        if (site.isEmpty()) {
            // one page for forged, altered, revoked and unknown codes, and nothing of the request in it
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(HTML).cacheControl(CacheControl.noStore()).body(INVALID);
        }
        String qr = QrToken.parse(token).orElseThrow().text();
        return ResponseEntity.ok().contentType(HTML).cacheControl(CacheControl.noStore())
                .header("X-Robots-Tag", "noindex").body(page(qr, site.get().name()));
    }

    private static String page(String qr, String premisesName) {
        String name = HtmlUtils.htmlEscape(premisesName, "UTF-8");
        return HEAD.formatted("Daftar masuk · Check in") + """
                <main id="app" data-qr="%s">
                  <p class="eyebrow">Daftar masuk · Check in</p>
                  <h1 id="premises-name">%s</h1>
                  <section id="step-working" class="card"><p class="muted">Sedang diproses… · Working…</p></section>
                  <form id="step-phone" class="card" hidden>
                    <label for="phone">Nombor telefon bimbit · Mobile number</label>
                    <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="tel" maxlength="20" placeholder="011-2345 6789" required>
                    <button id="send-code" type="submit">Hantar kod · Send code</button>
                    <p class="muted">Kami akan hantar kod melalui SMS; kali pertama ia mungkin mengambil masa hingga setengah minit. · We will send you a code by SMS; the first time it can take up to half a minute.</p>
                  </form>
                  <form id="step-code" class="card" hidden>
                    <label for="code">Kod 6 digit · 6-digit code</label>
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength="8" pattern="[0-9]{6,8}" required>
                    <button id="verify-code" type="submit">Sahkan · Verify</button>
                    <button id="change-phone" type="button" class="link">Tukar nombor · Change number</button>
                  </form>
                  <form id="step-name" class="card" hidden>
                    <label for="name">Nama penuh · Full name</label>
                    <input id="name" name="name" type="text" autocomplete="name" maxlength="100" required>
                    <button id="create-account" type="submit">Teruskan · Continue</button>
                  </form>
                  <section id="step-done" hidden>
                    <div id="tick" class="tick" aria-hidden="true"><span>&#10003;</span></div>
                    <p class="ok">Berjaya daftar masuk · Checked in</p>
                    <p id="done-premises" class="done-premises"></p>
                    <p class="muted">Masa daftar masuk · Checked in at</p>
                    <p id="done-time" class="done-time"></p>
                    <p class="muted">Masa sekarang · Time now</p>
                    <p id="live-clock" class="live-clock"></p>
                    <button id="check-out" type="button" class="secondary">Daftar keluar · Check out</button>
                    <p id="checked-out" class="muted" hidden>Telah daftar keluar · Checked out</p>
                  </section>
                  <p id="message" class="message" role="alert"></p>
                  <p><button id="sign-out" type="button" class="link" hidden>Bukan anda? Log keluar · Not you? Sign out</button></p>
                </main>
                <noscript><p class="message">Halaman ini memerlukan JavaScript. · This page needs JavaScript.</p></noscript>
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(qr, "UTF-8"), name);
    }

    private static final String HEAD = """
            <!doctype html>
            <html lang="ms">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>%s</title>
            <link rel="stylesheet" href="/assets/checkin.css">
            <script src="/assets/pow.js" defer></script>
            <script src="/assets/checkin.js" defer></script>
            </head>
            <body>
            """;

    private static final String INVALID = HEAD.formatted("Kod QR tidak sah · Invalid QR code") + """
            <main id="invalid">
              <div class="cross" aria-hidden="true"><span>&#10007;</span></div>
              <h1>Kod QR tidak sah</h1>
              <p>Kod QR ini tidak sah atau telah dibatalkan. Imbas poster terkini premis ini.</p>
              <h1 lang="en">Invalid QR code</h1>
              <p lang="en">This QR code is not valid or was withdrawn. Scan the premises' current poster.</p>
            </main>
            </body></html>
            """;
}
