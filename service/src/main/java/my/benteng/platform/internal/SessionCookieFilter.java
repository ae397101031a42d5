package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.BearerAuthenticator;
import my.benteng.platform.PageSessions;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The pages' chain only: authenticates a request by the session cookie ({@link PageSessions#COOKIE}) with the same
 * {@link BearerAuthenticator}s as a bearer token (so idle timeout, expiry and revocation are the account module's). A
 * cookie that no longer authenticates (expired, idle, revoked) is removed and the request goes on anonymously: a page
 * that needs a session then sends the browser to sign in again ({@link SignInRedirect}) rather than answering a JSON
 * 401 as the API does for a bad bearer token.
 */
class SessionCookieFilter extends OncePerRequestFilter {

    private final List<BearerAuthenticator> authenticators;
    private final PageSessions pageSessions;

    SessionCookieFilter(List<BearerAuthenticator> authenticators, PageSessions pageSessions) {
        this.authenticators = authenticators;
        this.pageSessions = pageSessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = cookie(request);
        Authentication existing = SecurityContextHolder.getContext().getAuthentication();
        if (token == null || existing != null && existing.isAuthenticated()) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Authentication> authentication = SessionTokens.authenticate(authenticators, token);
        if (authentication.isEmpty()) {
            pageSessions.end(request, response);
            chain.doFilter(request, response);
            return;
        }
        SessionTokens.continueAs(authentication.get(), request, response, chain);
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (PageSessions.COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
