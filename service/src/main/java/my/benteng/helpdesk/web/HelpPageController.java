package my.benteng.helpdesk.web;

import jakarta.servlet.http.HttpServletResponse;
import my.benteng.helpdesk.TicketCategory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Arrays;
import java.util.List;

/**
 * {@code /help}: the ticket form in the house layout ({@code templates/helpdesk/help.html}), in the visitor's language.
 * Its script ({@code /help/help.js}, same origin: the CSP allows no inline script) solves the ALTCHA proof of work with
 * WebCrypto and posts to the JSON API, so this form never posts to the server itself and carries no CSRF token: the
 * API takes no cookie, and the ticket endpoint keeps its own defences (proof of work, shield, limits). Error words are
 * rendered into the page by the server and shown by the script with {@code textContent}, so nothing typed is echoed.
 */
@Controller
class HelpPageController {

    private static final List<String> CATEGORIES = Arrays.stream(TicketCategory.values()).map(Enum::name).toList();

    @GetMapping(path = "/help", produces = MediaType.TEXT_HTML_VALUE)
    String help(Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        model.addAttribute("categories", CATEGORIES);
        return "helpdesk/help";
    }
}
