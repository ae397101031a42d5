package my.benteng.site.web;

import my.benteng.site.internal.RetentionFacts;
import my.benteng.site.internal.Span;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /} and {@code /privacy}, server-rendered in the visitor's language. Nothing of the request reaches the model.
 */
@Controller
class SitePagesController {

    private final RetentionFacts retention;
    private final MessageSource messages;

    SitePagesController(RetentionFacts retention, MessageSource messages) {
        this.retention = retention;
        this.messages = messages;
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String landing() {
        return "site/landing";
    }

    /** The privacy page with this deployment's retention figures, worded ("90 hari", "90 days"). */
    @GetMapping(path = "/privacy", produces = MediaType.TEXT_HTML_VALUE)
    String privacy(Model model, Locale locale) {
        Map<String, String> spans = new LinkedHashMap<>();
        spans.put("checkins", words(retention.checkins(), locale));
        spans.put("tracing", words(retention.tracing(), locale));
        spans.put("codeValidity", words(retention.codeValidity(), locale));
        spans.put("codeRecord", words(retention.codeRecord(), locale));
        spans.put("verificationToken", words(retention.verificationToken(), locale));
        spans.put("citizenSession", words(retention.citizenSession(), locale));
        spans.put("staffSession", words(retention.staffSession(), locale));
        spans.put("sessionIdle", words(retention.sessionIdle(), locale));
        spans.put("endedSession", words(retention.endedSession(), locale));
        spans.put("ekycShortest", words(retention.ekycShortest(), locale));
        spans.put("ekycLongest", words(retention.ekycLongest(), locale));
        model.addAttribute("spans", spans);
        return "site/privacy";
    }

    private String words(Span span, Locale locale) {
        return messages.getMessage("unit." + span.unit(), new Object[] {span.amount()}, locale);
    }
}
