package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.BearerAuthenticator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What the bearer-token and the session-cookie filters share: who a session token belongs to, and running as them. */
final class SessionTokens {

    /** Tokens are base64url of 32 random bytes; anything else is refused before any lookup. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private SessionTokens() {
    }

    /** The first authenticator's answer for a well-formed {@code token}; empty for a malformed or unknown one. */
    static Optional<Authentication> authenticate(List<BearerAuthenticator> authenticators, String token) {
        if (!TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        for (BearerAuthenticator authenticator : authenticators) {
            Optional<Authentication> a = authenticator.authenticate(token);
            if (a.isPresent()) {
                return a;
            }
        }
        return Optional.empty();
    }

    /** Continues the chain as {@code authentication}, and forgets it afterwards (the thread serves others next). */
    static void continueAs(Authentication authentication, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
