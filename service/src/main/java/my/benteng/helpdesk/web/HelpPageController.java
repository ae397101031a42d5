package my.benteng.helpdesk.web;

import my.benteng.helpdesk.TicketCategory;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /help}: the ticket form, rendered on the server with no external resources. Its script
 * ({@code /help/help.js}, same origin, so the platform's CSP {@code default-src 'self'} allows it and no inline
 * script is needed) solves the ALTCHA proof of work with WebCrypto and posts to the JSON API.
 */
@RestController
class HelpPageController {

    private static final String PAGE = page();

    @GetMapping(path = "/help", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> help() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8))
                .body(PAGE);
    }

    private static String page() {
        StringBuilder options = new StringBuilder();
        for (TicketCategory c : TicketCategory.values()) {
            options.append("<option value=\"").append(HtmlUtils.htmlEscape(c.name())).append("\">")
                    .append(HtmlUtils.htmlEscape(label(c))).append("</option>");
        }
        return """
                <!DOCTYPE html>
                <html lang="ms">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Bantuan Benteng / Benteng help</title>
                <link rel="stylesheet" href="/help/help.css">
                <script src="/help/help.js" defer></script>
                </head>
                <body>
                <main>
                <h1>Bantuan / Help</h1>
                <p>Tell us what went wrong. You will see your ticket reference on this page at once. We send a confirmation only to
                a contact that was verified, and it carries only the reference, never what you wrote.</p>
                <form id="ticket-form" method="post" action="/help" novalidate>
                <label for="category">Kategori / Category</label>
                <select id="category" name="category" required>%s</select>
                <label for="subject">Tajuk / Subject</label>
                <input id="subject" name="subject" maxlength="200" required>
                <label for="message">Mesej / Message</label>
                <textarea id="message" name="message" maxlength="5000" rows="6" required></textarea>
                <label for="contact">Telefon atau e-mel / Phone or e-mail</label>
                <input id="contact" name="contact" maxlength="320" autocomplete="email" required>
                <p class="hint">Mahu pengesahan dihantar? Sahkan kenalan anda dahulu. /
                Want the confirmation sent? Verify your contact first.</p>
                <button id="verify" type="button">Hantar kod / Send code</button>
                <div id="verify-step" hidden>
                <label for="code">Kod / Code</label>
                <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="8">
                <button id="confirm" type="button">Sahkan / Verify</button>
                </div>
                <p id="verified" hidden>Disahkan / Verified</p>
                <button id="submit" type="submit" disabled>Hantar / Send</button>
                </form>
                <p id="status" role="status" aria-live="polite"></p>
                <p id="result" hidden>Rujukan anda / Your reference: <strong id="reference"></strong></p>
                </main>
                </body>
                </html>
                """.formatted(options);
    }

    private static String label(TicketCategory c) {
        return switch (c) {
            case GENERAL -> "Umum / General";
            case ACCOUNT -> "Akaun / Account";
            case CHECK_IN -> "Daftar masuk / Check-in";
            case EKYC -> "eKYC";
            case PRIVACY -> "Privasi / Privacy";
        };
    }
}
