package my.benteng.platform.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.ProblemWords;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Map;

/**
 * Builds every problem detail the service returns, so that all of them look alike: a type URN, a title
 * and a detail chosen here (never the exception's message, which may quote the input), and the request id.
 */
@Component
class Problems {

    private static final Map<Integer, String[]> GENERIC = Map.ofEntries(
            Map.entry(400, new String[] {"bad-request", "Bad request", "The request could not be understood."}),
            Map.entry(401, new String[] {"unauthenticated", "Authentication required", "Sign in and send the session token."}),
            Map.entry(403, new String[] {"forbidden", "Forbidden", "You may not do this."}),
            Map.entry(404, new String[] {"not-found", "Not found", "There is no such resource."}),
            Map.entry(405, new String[] {"method-not-allowed", "Method not allowed", "This resource does not support that method."}),
            Map.entry(406, new String[] {"not-acceptable", "Not acceptable", "This resource cannot produce the requested media type."}),
            Map.entry(409, new String[] {"conflict", "Conflict", "The request conflicts with the current state."}),
            Map.entry(413, new String[] {"payload-too-large", "Payload too large", "The request body is larger than this resource accepts."}),
            Map.entry(415, new String[] {"unsupported-media-type", "Unsupported media type", "Send the body as application/json."}),
            Map.entry(422, new String[] {"unprocessable", "Unprocessable request", "The request was understood but cannot be processed."}),
            Map.entry(429, new String[] {"too-many-requests", "Too many requests", "Slow down and retry later."}),
            Map.entry(431, new String[] {"headers-too-large", "Request headers too large", "The request's header section is too large."}),
            // answered by the container for what the client sent (an unknown transfer coding, another HTTP version): not our fault
            Map.entry(501, new String[] {"not-implemented", "Not implemented", "The server does not support what this request asks for."}),
            Map.entry(503, new String[] {"unavailable", "Service unavailable", "The service is busy; retry later."}),
            Map.entry(505, new String[] {"http-version-not-supported", "HTTP version not supported", "Send HTTP/1.1 or HTTP/2."}));

    private final JsonMapper json;

    Problems(JsonMapper json) {
        this.json = json;
    }

    ProblemDetail generic(HttpStatusCode status, HttpServletRequest request) {
        String[] text = GENERIC.get(status.value());
        if (text == null) {
            text = status.is5xxServerError()
                    ? new String[] {"internal-error", "Internal error", "Something went wrong on our side; quote the request id if you report it."}
                    : new String[] {"client-error", "Request refused", "The request was refused."};
        }
        return build(status, text[0], text[1], text[2], request);
    }

    ProblemDetail of(ProblemWords words, HttpServletRequest request) {
        ProblemDetail detail = build(words.status(), words.slug(), words.title(), words.detail(), request);
        words.properties().forEach(detail::setProperty);
        return detail;
    }

    ProblemDetail build(HttpStatusCode status, String slug, String title, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ApiProblem.type(slug));
        problem.setTitle(title);
        String requestId = request == null ? null : RequestIdFilter.of(request);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
            // the occurrence is named by its request id; Spring would otherwise fill in the request path,
            // which is client input
            problem.setInstance(java.net.URI.create("urn:benteng:request:" + requestId));
        } else {
            problem.setInstance(java.net.URI.create("urn:benteng:request:unknown"));
        }
        return problem;
    }

    /** Writes a problem where no MVC handler runs (filters, security entry points, the error page). */
    void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
        response.flushBuffer();
    }

    /** The problem as JSON text, for writers that have no servlet output stream (the container's error report). */
    String json(ProblemDetail problem) {
        return json.writeValueAsString(problem);
    }

    static HttpStatus statusOf(int code) {
        HttpStatus status = HttpStatus.resolve(code);
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
