package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Gives every request an id, returned as {@code X-Request-Id} and put in the logging context so that
 * every log line of the request carries it. The id is always made here: an inbound header is ignored,
 * because a client-chosen id could forge or inject log lines.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "benteng.requestId";
    static final String MDC_KEY = "requestId";

    private final SecureRandom random;

    RequestIdFilter(SecureRandom random) {
        this.random = random;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = assign(request, response, random);
        MDC.put(MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(MDC_KEY);
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return true; // the error dispatch keeps the id of the request it reports on
    }

    /** Gives the request a new id (attribute and response header) and returns it. */
    static String assign(HttpServletRequest request, HttpServletResponse response, SecureRandom random) {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        request.setAttribute(ATTRIBUTE, id);
        response.setHeader(HEADER, id);
        return id;
    }

    /**
     * The request's id, assigned now if this filter never saw the request: the container sends some requests it refuses
     * itself (TRACE, a bad URI) straight to the error page, and those answers carry an id too.
     */
    static String ensure(HttpServletRequest request, HttpServletResponse response, SecureRandom random) {
        String id = of(request);
        return id != null ? id : assign(request, response, random);
    }

    static String of(HttpServletRequest request) {
        Object id = request.getAttribute(ATTRIBUTE);
        return id == null ? null : id.toString();
    }
}
