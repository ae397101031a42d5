package my.benteng.platform;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal that becomes an RFC 9457 problem detail. Modules throw it from their web layer with a
 * stable problem slug, a title and a detail written for the client; the detail must never contain the
 * client's input. Extra properties (attempts left, a PoW challenge) travel in {@link #properties()}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final Duration retryAfter;
    private final Map<String, Object> properties;

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        this(status, slug, title, detail, null, Map.of());
    }

    public ApiProblem(HttpStatus status, String slug, String title, String detail, Duration retryAfter,
                      Map<String, Object> properties) {
        super(detail, null, false, false); // no stack trace: this is a client outcome, not a fault
        this.status = Objects.requireNonNull(status);
        this.slug = Objects.requireNonNull(slug);
        this.title = Objects.requireNonNull(title);
        this.retryAfter = retryAfter;
        this.properties = Map.copyOf(new LinkedHashMap<>(properties));
    }

    /**
     * The refusal of an invalid field as a problem, shaped exactly like the one the web layer answers for an
     * {@link InvalidValueException}: for places that collect refusals instead of throwing them (a batch's items).
     */
    public static ApiProblem invalid(InvalidValueException e) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "One or more fields are invalid.", null,
                Map.of("errors", java.util.List.of(Map.of("field", e.field(), "rule", e.rule()))));
    }

    /** This problem as a problem detail without an occurrence (no request id): for problems nested in a response body. */
    public org.springframework.http.ProblemDetail toProblemDetail() {
        org.springframework.http.ProblemDetail detail = org.springframework.http.ProblemDetail.forStatusAndDetail(status, detail());
        detail.setType(type(slug));
        detail.setTitle(title);
        properties.forEach(detail::setProperty);
        return detail;
    }

    /** The problem type URI for a slug; one namespace for every problem Benteng returns. */
    public static URI type(String slug) {
        return URI.create("urn:benteng:problem:" + slug);
    }

    public HttpStatus status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** When set, the response carries a {@code Retry-After} header (whole seconds, rounded up). */
    public Duration retryAfter() {
        return retryAfter;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
