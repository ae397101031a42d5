package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusedException;
import my.benteng.platform.RequestAdmission;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Runs the modules' {@link RequestAdmission}s before the dispatcher servlet, where multipart bodies are resolved and
 * request bodies bound. Not a bean of its own (it would also run outside the security chain): the security
 * configuration places it after the authorization filter.
 */
class AdmissionFilter extends OncePerRequestFilter {

    private final List<RequestAdmission> admissions;
    private final Problems problems;
    private final Refusals refusals;

    AdmissionFilter(List<RequestAdmission> admissions, Problems problems, Refusals refusals) {
        this.admissions = admissions;
        this.problems = problems;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (RequestAdmission admission : admissions) {
            if (admission.guards(request)) {
                try {
                    admission.admit(request);
                } catch (RefusedException refused) {
                    refuse(refusals.words(refused.refusal()), request, response);
                    return;
                } catch (ApiProblem refused) {
                    refuse(refused.words(), request, response);
                    return;
                } catch (RuntimeException e) {
                    if (!TransientDatabaseFailure.isTransient(e)) {
                        throw e;
                    }
                    // the same answer ProblemDetailsAdvice gives in a handler: load, not a fault (outside MVC it would be a 500)
                    response.setHeader(HttpHeaders.RETRY_AFTER, "1");
                    problems.write(response, problems.generic(HttpStatus.SERVICE_UNAVAILABLE, request));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(ProblemWords words, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (words.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ProblemDetailsAdvice.seconds(words.retryAfter())));
        }
        // written and flushed with the body left unread: Tomcat then discards what arrives of it (up to
        // server.tomcat.max-swallow-size) or closes the connection, and a client that sent
        // "Expect: 100-continue" is never asked for it
        problems.write(response, problems.of(words, request));
    }
}
