package my.benteng.messaging.internal;

import my.benteng.messaging.Language;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.messaging.TemplateValue;
import org.springframework.web.util.HtmlUtils;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fixed text of every template in every language. The switches are exhaustive, so a new template
 * does not compile until it has its Malay and English text.
 */
final class TemplateTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

    private TemplateTexts() {
    }

    /** Subject line, used by e-mail. */
    static String subject(Template template, Language language) {
        return switch (template) {
            case OTP_CODE -> pick(language, "Kod pengesahan Benteng anda", "Your Benteng verification code");
            case HELPDESK_ACKNOWLEDGEMENT -> pick(language, "Permintaan anda telah diterima ({reference})",
                    "We have received your request ({reference})");
            // the agent's text never reaches the subject: a header carries fixed words and the reference only
            case HELPDESK_AGENT_REPLY -> pick(language, "Jawapan meja bantuan Benteng ({reference})",
                    "Reply from the Benteng helpdesk ({reference})");
            case CONTACT_NOTIFICATION -> pick(language, "Sila semak status risiko anda", "Please check your risk status");
        };
    }

    /** Body text; short enough for one SMS segment in either language. */
    static String body(Template template, Language language) {
        return switch (template) {
            case OTP_CODE -> pick(language,
                    "Benteng: Kod pengesahan anda ialah {code}. Sah selama {minutes} minit. Jangan kongsi kod ini dengan sesiapa.",
                    "Benteng: Your verification code is {code}. Valid for {minutes} minutes. Do not share it with anyone.");
            case HELPDESK_ACKNOWLEDGEMENT -> pick(language,
                    "Benteng: Kami telah menerima permintaan anda. Rujukan: {reference}. Jangan balas mesej ini.",
                    "Benteng: We have received your request. Reference: {reference}. Do not reply to this message.");
            // several SMS segments: written by a signed-in agent for one verified contact, never by an outsider
            case HELPDESK_AGENT_REPLY -> pick(language,
                    "Benteng (meja bantuan, rujukan {reference}):\n{text}",
                    "Benteng (helpdesk, reference {reference}):\n{text}");
            case CONTACT_NOTIFICATION -> pick(language,
                    "Benteng: Anda mungkin pernah berada berhampiran kes yang disahkan. Sila semak status risiko anda dalam aplikasi Benteng.",
                    "Benteng: You may have been near a confirmed case. Please check your risk status in the Benteng app.");
        };
    }

    static RenderedMessage render(Template template, Language language, TemplateParameters parameters) {
        template.validate(parameters);
        Map<String, TemplateValue> values = parameters.values();
        String body = body(template, language);
        // line breaks (only an agent's reply has them) become <br> after escaping, so they cannot form markup
        String html = "<!DOCTYPE html><html lang=\"" + (language == Language.MS ? "ms" : "en") + "\"><body><p>"
                + fill(body, values, true).replace("\n", "<br>") + "</p></body></html>";
        return new RenderedMessage(fill(subject(template, language), values, false), fill(body, values, false), html);
    }

    /** Escapes both the fixed text and the values for HTML, so neither can ever open a tag. */
    private static String fill(String text, Map<String, TemplateValue> values, boolean html) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start()), html));
            TemplateValue value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template text names an undeclared parameter");
            }
            out.append(escape(value.text(), html));
            last = m.end();
        }
        return out.append(escape(text.substring(last), html)).toString();
    }

    private static String escape(String s, boolean html) {
        return html ? HtmlUtils.htmlEscape(s, "UTF-8") : s;
    }

    private static String pick(Language language, String ms, String en) {
        return language == Language.MS ? ms : en;
    }
}
