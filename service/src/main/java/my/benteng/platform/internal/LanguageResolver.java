package my.benteng.platform.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;

import java.time.Duration;
import java.util.Locale;

/**
 * The language of a page: Bahasa Malaysia unless the visitor chose English ({@code ?lang=en}, applied by the
 * {@link org.springframework.web.servlet.i18n.LocaleChangeInterceptor}) and a cookie remembers the choice. Only the
 * two supported languages are ever stored or answered; anything else in the cookie or the parameter means Malay.
 * {@code Accept-Language} is not read: the product speaks Malay first, English on request.
 */
final class LanguageResolver implements LocaleResolver {

    static final Locale MALAY = Locale.forLanguageTag("ms");
    static final Locale ENGLISH = Locale.ENGLISH;
    static final String COOKIE = "lang";

    private static final String CHOSEN = LanguageResolver.class.getName() + ".chosen";
    private static final Duration REMEMBERED = Duration.ofDays(365);

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof Locale chosen) {
            return chosen;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return supported(cookie.getValue());
                }
            }
        }
        return MALAY;
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Locale chosen = locale == null ? MALAY : supported(locale.getLanguage());
        request.setAttribute(CHOSEN, chosen);
        if (response == null) {
            return;
        }
        // a preference, not a credential: Lax is enough, HttpOnly because no script needs it, Secure whenever the page
        // came over TLS (behind a TLS-terminating proxy the connector must be told so, or the cookie goes without it)
        ResponseCookie cookie = ResponseCookie.from(COOKIE, chosen.getLanguage()).path("/").maxAge(REMEMBERED)
                .sameSite("Lax").httpOnly(true).secure(request.isSecure()).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private static Locale supported(String language) {
        return "en".equals(language) ? ENGLISH : MALAY;
    }
}
