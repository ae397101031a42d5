package my.benteng.platform;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a client is told about one refusal: the status, a stable problem slug (the type is
 * {@code urn:benteng:problem:<slug>}), a title and a detail written for the client, the {@code Retry-After} delay when
 * waiting helps, and extra properties (attempts left, a proof-of-work challenge). The words never contain the client's
 * input. Only web layers and the platform write them.
 */
public record ProblemWords(HttpStatus status, String slug, String title, String detail, Duration retryAfter,
                           Map<String, Object> properties) {

    public ProblemWords {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        properties = properties == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(properties));
    }

    public static ProblemWords of(HttpStatus status, String slug, String title, String detail) {
        return new ProblemWords(status, slug, title, detail, null, Map.of());
    }

    /** These words with a {@code Retry-After} header (whole seconds, rounded up). */
    public ProblemWords retryAfter(Duration delay) {
        return new ProblemWords(status, slug, title, detail, delay, properties);
    }

    /** These words with one more property in the problem detail. */
    public ProblemWords with(String name, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(properties);
        more.put(name, value);
        return new ProblemWords(status, slug, title, detail, retryAfter, more);
    }

    /** These words thrown from a web layer; the platform answers them as they are. */
    public ApiProblem problem() {
        return new ApiProblem(this);
    }

    /** As a problem detail without an occurrence (no request id): for problems nested in a response body. */
    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ApiProblem.type(slug));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
