package my.benteng.account.web;

import jakarta.servlet.http.HttpServletRequest;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.CitizenId;
import my.benteng.account.Citizens;
import my.benteng.account.IssuedSession;
import my.benteng.account.Sessions;
import my.benteng.account.internal.CitizenAccess;
import my.benteng.platform.ClientIp;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Citizen sign-up, sign-in and sign-out, and who the caller is. */
@RestController
class CitizenController {

    private final CitizenAccess access;
    private final Citizens citizens;
    private final Sessions sessions;

    CitizenController(CitizenAccess access, Citizens citizens, Sessions sessions) {
        this.access = access;
        this.citizens = citizens;
        this.sessions = sessions;
    }

    record SignUpRequest(String verificationToken, String name) {
        @Override
        public String toString() {
            return "SignUpRequest[verificationToken=(hidden)]";
        }
    }

    record SignInRequest(String verificationToken) {
        @Override
        public String toString() {
            return "SignInRequest[verificationToken=(hidden)]";
        }
    }

    record SignedUpResponse(String citizenId, String sessionToken, Instant expiresAt, long idleTimeoutSeconds) {
        @Override
        public String toString() {
            return "SignedUpResponse[citizenId=" + citizenId + "]";
        }
    }

    @PostMapping(path = "/api/v1/citizens", consumes = "application/json")
    ResponseEntity<SignedUpResponse> signUp(@RequestBody SignUpRequest request, HttpServletRequest http) {
        CitizenAccess.SignedUp result = access.signUp(request.verificationToken(), request.name(), ClientIp.of(http));
        IssuedSession s = result.session();
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(new SignedUpResponse(result.citizenId().value(), s.token(), s.expiresAt(), s.idleTimeout().toSeconds()));
    }

    @PostMapping(path = "/api/v1/sessions", consumes = "application/json")
    ResponseEntity<SessionResponse> signIn(@RequestBody SignInRequest request, HttpServletRequest http) {
        return SessionResponse.of(access.signIn(request.verificationToken(), ClientIp.of(http)));
    }

    record EnterRequest(String verificationToken, String name) {
        @Override
        public String toString() {
            return "EnterRequest[verificationToken=(hidden)]";
        }
    }

    record EnteredResponse(String citizenId, String sessionToken, Instant expiresAt, long idleTimeoutSeconds, boolean created) {
        @Override
        public String toString() {
            return "EnteredResponse[citizenId=" + citizenId + "]";
        }
    }

    /**
     * Sign in or, with a name, sign up, with one {@code LOGIN} verification token: 200 for an existing account,
     * 201 for a new one, 422 {@code name-required} (token not spent) when there is no account and no name.
     */
    @PostMapping(path = "/api/v1/citizen-sessions", consumes = "application/json")
    ResponseEntity<EnteredResponse> enter(@RequestBody EnterRequest request, HttpServletRequest http) {
        CitizenAccess.Entered e = access.enter(request.verificationToken(), request.name(), ClientIp.of(http));
        IssuedSession s = e.session();
        return ResponseEntity.status(e.created() ? HttpStatus.CREATED : HttpStatus.OK).cacheControl(CacheControl.noStore())
                .body(new EnteredResponse(e.citizenId().value(), s.token(), s.expiresAt(), s.idleTimeout().toSeconds(), e.created()));
    }

    /** Signs out: the token presented stops working. Staff sign out here too. */
    @DeleteMapping("/api/v1/sessions/current")
    ResponseEntity<Void> signOut(@AuthenticationPrincipal AccountPrincipal principal) {
        sessions.revoke(principal.sessionId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/me")
    ResponseEntity<Map<String, Object>> me(@AuthenticationPrincipal AccountPrincipal principal) {
        if (principal.kind() == AccountKind.CITIZEN) {
            return citizens.find(new CitizenId(principal.id()))
                    .<ResponseEntity<Map<String, Object>>>map(c -> ResponseEntity.ok().cacheControl(CacheControl.noStore())
                            .body(Map.of("kind", "CITIZEN", "citizenId", c.id().value(), "name", c.name(), "contact", c.contact().toString())))
                    .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).build());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("kind", principal.kind().name(), "id", principal.id(), "roles", List.copyOf(new java.util.TreeSet<>(principal.roles()))));
    }
}
