package my.benteng.platform;

import org.springframework.security.core.Authentication;

import java.util.Optional;

/**
 * Turns an opaque bearer token ({@code Authorization: Bearer …}) into an authentication. The account
 * module implements it for citizen and staff sessions; the platform's filter asks every implementation
 * and answers 401 when a presented token is accepted by none (a bad token is never treated as anonymous).
 */
@FunctionalInterface
public interface BearerAuthenticator {

    /** The authentication for this token, or empty when the token is unknown, expired or revoked. */
    Optional<Authentication> authenticate(String token);
}
