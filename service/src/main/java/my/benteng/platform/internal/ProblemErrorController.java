package my.benteng.platform.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.security.SecureRandom;

/**
 * The container's error page (errors raised outside MVC: filters, rejected requests) answers with the
 * same problem details as everything else, and never with Spring Boot's default error body.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final Problems problems;
    private final SecureRandom random;

    ProblemErrorController(Problems problems, SecureRandom random) {
        this.problems = problems;
        this.random = random;
    }

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request, HttpServletResponse response) {
        RequestIdFilter.ensure(request, response, random);
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? Problems.statusOf(i) : HttpStatus.NOT_FOUND;
        // a filter's database lookup (a bearer session, say) that met a lost connection is load, as in ProblemDetailsAdvice
        if (status.is5xxServerError() && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t
                && TransientDatabaseFailure.isTransient(t)) {
            log.warn("database busy (outside MVC): {}", t.getClass().getSimpleName());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.generic(HttpStatus.SERVICE_UNAVAILABLE, request));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.generic(status, request));
    }
}
