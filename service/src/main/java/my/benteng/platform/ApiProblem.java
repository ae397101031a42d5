package my.benteng.platform;

import org.springframework.http.HttpStatus;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A refusal that becomes an RFC 9457 problem detail, thrown by web layers (and the platform) with the
 * {@link ProblemWords} for the client. Services do not throw it: they throw a {@link RefusedException} or return an
 * outcome, and their module's web layer words it. The detail must never contain the client's input.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemWords words;

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        this(ProblemWords.of(status, slug, title, detail));
    }

    public ApiProblem(HttpStatus status, String slug, String title, String detail, Duration retryAfter,
                      Map<String, Object> properties) {
        this(new ProblemWords(status, slug, title, detail, retryAfter, properties));
    }

    public ApiProblem(ProblemWords words) {
        super(Objects.requireNonNull(words, "words").detail(), null, false, false); // no stack trace: a client outcome, not a fault
        this.words = words;
    }

    /**
     * The refusal of an invalid field as a problem, shaped exactly like the one the web layer answers for an
     * {@link InvalidValueException}: for places that collect refusals instead of throwing them (a batch's items).
     */
    public static ApiProblem invalid(InvalidValueException e) {
        return invalid(e.field(), e.rule());
    }

    /** {@link #invalid(InvalidValueException)} from the field and the rule it broke. */
    public static ApiProblem invalid(String field, String rule) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "One or more fields are invalid.", null,
                Map.of("errors", java.util.List.of(Map.of("field", field, "rule", rule))));
    }

    /** This problem as a problem detail without an occurrence (no request id): for problems nested in a response body. */
    public org.springframework.http.ProblemDetail toProblemDetail() {
        return words.toProblemDetail();
    }

    /** The problem type URI for a slug; one namespace for every problem Benteng returns. */
    public static URI type(String slug) {
        return URI.create("urn:benteng:problem:" + slug);
    }

    public ProblemWords words() {
        return words;
    }

    public HttpStatus status() {
        return words.status();
    }

    public String slug() {
        return words.slug();
    }

    public String title() {
        return words.title();
    }

    public String detail() {
        return words.detail();
    }

    /** When set, the response carries a {@code Retry-After} header (whole seconds, rounded up). */
    public Duration retryAfter() {
        return words.retryAfter();
    }

    public Map<String, Object> properties() {
        return words.properties();
    }
}
