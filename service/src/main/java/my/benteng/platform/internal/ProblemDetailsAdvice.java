package my.benteng.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.LimitStoreUnavailableException;
import my.benteng.platform.ProblemWords;
import my.benteng.platform.RefusedException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Turns every exception that reaches MVC into an RFC 9457 problem detail. Spring's own details quote
 * the request (method names, media types, paths, parse errors), so they are replaced by fixed text.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final Problems problems;
    private final Refusals refusals;

    ProblemDetailsAdvice(Problems problems, Refusals refusals) {
        this.problems = problems;
        this.refusals = refusals;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem, HttpServletRequest request) {
        return answer(problem.words(), request);
    }

    /** A service's refusal, in the words of its module's web layer. */
    @ExceptionHandler(RefusedException.class)
    ResponseEntity<ProblemDetail> refused(RefusedException refused, HttpServletRequest request) {
        return answer(refusals.words(refused.refusal()), request);
    }

    private ResponseEntity<ProblemDetail> answer(ProblemWords words, HttpServletRequest request) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(words.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (words.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds(words.retryAfter())));
        }
        return response.body(problems.of(words, request));
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e, HttpServletRequest request) {
        return invalid(List.of(Map.of("field", e.field(), "rule", ruleOf(e))), request);
    }

    // a transaction that cannot begin (SQLite's write lock held past the busy timeout, pool exhausted) is load, not a fault
    @ExceptionHandler({TransientDataAccessException.class, PessimisticLockingFailureException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> busy(Exception e, HttpServletRequest request) {
        log.warn("database busy: {}", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.generic(HttpStatus.SERVICE_UNAVAILABLE, request));
    }

    // SQLite may refuse the COMMIT itself with SQLITE_BUSY under heavy write load, and a PostgreSQL connection may be lost
    // at COMMIT: the transaction rolled back, nothing was stored or sent, so it is load like a transaction that could
    // not begin; any other commit failure is a fault
    @ExceptionHandler(org.springframework.transaction.TransactionSystemException.class)
    ResponseEntity<ProblemDetail> commitFailed(org.springframework.transaction.TransactionSystemException e, HttpServletRequest request) {
        return TransientDatabaseFailure.isTransient(e) ? busy(e, request) : unexpected(e, request);
    }

    @ExceptionHandler(LimitStoreUnavailableException.class)
    ResponseEntity<ProblemDetail> limitsUnavailable(LimitStoreUnavailableException e, HttpServletRequest request) {
        log.error("limit store unavailable, refusing the request (fail closed): {}", e.getCause() == null ? "" : e.getCause().getClass().getSimpleName());
        // the store is reconnected within RECONNECT_MAX (the backoff's ceiling): a client may try again that soon
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds(RedisLimitStore.RECONNECT_MAX)))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problems.generic(HttpStatus.SERVICE_UNAVAILABLE, request));
    }

    /**
     * Input the container or the firewall could not take: a multipart body without a boundary or cut short, a form parameter
     * that is not UTF-8, a header value the firewall refuses. The client's fault, so a 400 and no log line: the exceptions'
     * messages quote the input (a log-forging vector) and a stack trace per request would let anyone fill the disk.
     */
    @ExceptionHandler({MultipartException.class, InvalidParameterException.class, RequestRejectedException.class})
    ResponseEntity<ProblemDetail> malformedRequest(Exception e, HttpServletRequest request) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.generic(HttpStatus.BAD_REQUEST, request));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthenticationException.class})
    void security(RuntimeException e) {
        throw e; // Spring Security's exception translation answers these (401 or 403)
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        // a lost connection or a server restarting arrives as any DataAccessException subtype (or wrapped): retryable, 503
        if (TransientDatabaseFailure.isTransient(e)) {
            return busy(e, request);
        }
        log.error("unhandled {}", e.getClass().getName(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problems.generic(HttpStatus.INTERNAL_SERVER_ERROR, request));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "rule", f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage()))
                .toList();
        return new ResponseEntity<>(invalid(errors, servlet(request)).getBody(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                           HttpStatusCode status, WebRequest request) {
        return new ResponseEntity<>(invalid(List.of(), servlet(request)).getBody(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof InvalidValueException invalid) {
            return new ResponseEntity<>(invalid(List.of(Map.of("field", invalid.field(), "rule", ruleOf(invalid))), servlet(request)).getBody(),
                    HttpStatus.BAD_REQUEST);
        }
        if (cause instanceof PayloadTooLargeException) {
            return new ResponseEntity<>(problems.generic(HttpStatus.CONTENT_TOO_LARGE, servlet(request)), HttpStatus.CONTENT_TOO_LARGE);
        }
        ProblemDetail body = problems.build(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                "The body is not well-formed JSON of the expected shape.", servlet(request));
        return new ResponseEntity<>(body, HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders safe = new HttpHeaders();
        if (headers != null && headers.getAllow() != null && !headers.getAllow().isEmpty()) {
            safe.setAllow(headers.getAllow());
        }
        if (headers != null && headers.getAccept() != null && !headers.getAccept().isEmpty()) {
            safe.setAccept(headers.getAccept());
        }
        safe.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (statusCode.is5xxServerError()) {
            log.error("request failed: {}", ex.getClass().getName(), ex);
        }
        return new ResponseEntity<>(problems.generic(statusCode, servlet(request)), safe, statusCode);
    }

    private ResponseEntity<ProblemDetail> invalid(List<Map<String, String>> errors, HttpServletRequest request) {
        ProblemDetail body = problems.build(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "One or more fields are invalid.", request);
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors);
        }
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static String ruleOf(InvalidValueException e) {
        String message = e.getMessage();
        String prefix = e.field() + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    }

    static long seconds(Duration d) {
        long s = d.toSeconds();
        return d.toNanosPart() > 0 || d.toSeconds() * 1000 < d.toMillis() ? s + 1 : Math.max(s, 1);
    }
}
