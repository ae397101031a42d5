package my.benteng.account;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A new session: the bearer token (shown to its holder once, stored only as a hash), when it ends at the
 * latest, and how long it may stay unused before it ends earlier. {@link #toString()} hides the token.
 */
public record IssuedSession(String token, String sessionId, Instant expiresAt, Duration idleTimeout) {

    public IssuedSession {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }

    @Override
    public String toString() {
        return "IssuedSession[sessionId=" + sessionId + ", expiresAt=" + expiresAt + ", idleTimeout=" + idleTimeout + "]";
    }
}
