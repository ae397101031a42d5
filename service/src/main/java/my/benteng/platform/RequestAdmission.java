package my.benteng.platform;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A module's credential check for its own paths that are not guarded by a bearer session: HMAC-signed requests of
 * relying parties, the MTA's shared secret. The platform runs every admission in the security filter chain, after
 * the authorization rules and before anything reads the request body (multipart resolution, message conversion),
 * so a request without valid credentials is refused at the cost of its headers: an anonymous caller cannot make the
 * server read or parse a body. A credential that covers the body (a signature over its digest) is checked as far as
 * the headers allow here and completed by the handler after the body is read.
 */
public interface RequestAdmission {

    /** Whether this admission guards the request's method and path. */
    boolean guards(HttpServletRequest request);

    /**
     * Returns to let the request through; throws a {@link RefusedException} (worded by the module's
     * {@link RefusalProblems}) to refuse it. Must not read the body or request parameters (either would read the body).
     */
    void admit(HttpServletRequest request);
}
