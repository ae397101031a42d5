package my.benteng.account.web;

import my.benteng.account.IssuedSession;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

import java.time.Instant;

/** A new session as the client sees it; never cached, since it carries the bearer token. */
record SessionResponse(String sessionToken, Instant expiresAt, long idleTimeoutSeconds) {

    static ResponseEntity<SessionResponse> of(IssuedSession session) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new SessionResponse(session.token(), session.expiresAt(), session.idleTimeout().toSeconds()));
    }

    @Override
    public String toString() {
        return "SessionResponse[expiresAt=" + expiresAt + "]";
    }
}
