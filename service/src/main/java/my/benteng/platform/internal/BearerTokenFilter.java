package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.BearerAuthenticator;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code Authorization: Bearer <token>} and asks the {@link BearerAuthenticator}s who it belongs to.
 * Not a bean of its own (it would run twice): the security configuration places it in the chain.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    private final List<BearerAuthenticator> authenticators;
    private final Problems problems;

    BearerTokenFilter(List<BearerAuthenticator> authenticators, Problems problems) {
        this.authenticators = authenticators;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        String token = header.substring(7).strip();
        Optional<Authentication> authentication = SessionTokens.authenticate(authenticators, token);
        if (authentication.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.write(response, problems.build(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid session",
                    "The session token is unknown, expired or revoked; sign in again.", request));
            return;
        }
        SessionTokens.continueAs(authentication.get(), request, response, chain);
    }
}
