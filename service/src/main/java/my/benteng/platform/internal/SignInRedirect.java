package my.benteng.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.PageSessions;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Sends a browser that asked for a page without a live session to the sign-in page: a 303 for a page request, and for
 * an htmx request (whose answer would otherwise be swapped into the page) an {@code HX-Redirect}, which htmx follows
 * with a full page load. Requests that are not from a page (API clients, probes, {@code *}{@code /*}) are left alone.
 */
final class SignInRedirect {

    private SignInRedirect() {
    }

    /** True when the redirect was sent. */
    static boolean send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (path == null || path.startsWith("/api/") || path.startsWith("/actuator")) {
            return false;
        }
        if ("true".equals(request.getHeader("HX-Request"))) {
            // the page the person is on, so that they come back to it; a foreign or odd URL is dropped
            String target = PageSessions.signInUrl(pathOf(request.getHeader("HX-Current-URL"), request));
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            response.setHeader("HX-Redirect", target);
            response.setHeader("Cache-Control", "no-store");
            return true;
        }
        if (!PageConfiguration.NotFoundPages.wantsPage(request)) {
            return false;
        }
        String next = "GET".equals(request.getMethod()) ? path : null;
        response.setStatus(HttpStatus.SEE_OTHER.value());
        response.setHeader("Location", PageSessions.signInUrl(next));
        response.setHeader("Cache-Control", "no-store");
        return true;
    }

    private static String pathOf(String url, HttpServletRequest request) {
        if (url == null || url.length() > 512) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null && !uri.getHost().equalsIgnoreCase(request.getServerName())) {
                return null;
            }
            return uri.getRawPath();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
