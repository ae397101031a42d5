package my.benteng.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The pages' session (decision 0027): the account module's session token, carried by the browser in a cookie instead
 * of an {@code Authorization} header. The cookie is read on the pages' security chain only, which enforces CSRF; the
 * JSON API never reads it (its chain has no CSRF filter and must stay free of ambient credentials).
 */
public final class PageSessions {

    /** The cookie's name. */
    public static final String COOKIE = "benteng_session";
    /** Where a browser without a (live) session is sent. */
    public static final String SIGN_IN_PATH = "/sign-in";

    /**
     * A place on this site to return to after signing in: a path of letters, digits, {@code / _ . -} only, starting
     * with one slash. No scheme, host, {@code //}, backslash, query or fragment, so it cannot become an open redirect.
     */
    private static final Pattern NEXT = Pattern.compile("/(?![/.])[A-Za-z0-9/_.-]{0,200}");

    private final boolean alwaysSecure;

    /** @param publicBaseUrl the deployment's public base URL: an https one (always so in prod) makes every cookie Secure */
    public PageSessions(java.net.URI publicBaseUrl) {
        this.alwaysSecure = "https".equalsIgnoreCase(publicBaseUrl.getScheme());
    }

    /** Sets the session cookie for a session that ends at the latest after {@code lifetime}. */
    public void start(HttpServletRequest request, HttpServletResponse response, String token, Duration lifetime) {
        // HttpOnly: no script (ours included) can read the token; SameSite=Strict: no other site's page or link sends
        // it; Secure whenever the site is served over TLS (the production guard requires an https base URL)
        ResponseCookie cookie = ResponseCookie.from(COOKIE, token).path("/").httpOnly(true).sameSite("Strict")
                .secure(alwaysSecure || request.isSecure()).maxAge(lifetime.isNegative() ? Duration.ZERO : lifetime).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** Removes the session cookie (sign-out, or a cookie that no longer authenticates). */
    public void end(HttpServletRequest request, HttpServletResponse response) {
        ResponseCookie cookie = ResponseCookie.from(COOKIE, "").path("/").httpOnly(true).sameSite("Strict")
                .secure(alwaysSecure || request.isSecure()).maxAge(Duration.ZERO).build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    /** {@code next} when it is a safe place on this site to return to, else empty. */
    public static Optional<String> safeNext(String next) {
        return next != null && NEXT.matcher(next).matches() && !next.contains("..") ? Optional.of(next) : Optional.empty();
    }

    /** The sign-in page's address, returning to {@code next} when that is safe. */
    public static String signInUrl(String next) {
        return safeNext(next).map(n -> SIGN_IN_PATH + "?next=" + URLEncoder.encode(n, StandardCharsets.UTF_8)).orElse(SIGN_IN_PATH);
    }
}
