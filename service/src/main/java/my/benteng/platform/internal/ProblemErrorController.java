package my.benteng.platform.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
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
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.generic(status, request));
    }
}
