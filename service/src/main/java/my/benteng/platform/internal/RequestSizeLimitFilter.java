package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import my.benteng.platform.PlatformProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Caps request bodies on the JSON API before anything parses them: a declared length over the cap is
 * refused at once with 413, and a chunked body is cut off when it grows past the cap.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    /** Uploads bounded by the multipart limits instead, each read only after its caller was authenticated and authorised. */
    private static final java.util.Set<String> MULTIPART_PATHS = java.util.Set.of("/api/v1/ekyc/sessions", "/api/v1/forensics/investigations");
    /**
     * JSON paths allowed a larger body than the cap: a health officer's batch of up to 1,000 cases (about 130 bytes
     * each). The body is only read after authentication and the role check, so anonymous callers gain nothing from it.
     */
    private static final java.util.Map<String, Long> LARGER_JSON_PATHS = java.util.Map.of("/api/v1/cases/batch", 256L * 1024);

    private final long maxBytes;
    private final Problems problems;

    RequestSizeLimitFilter(PlatformProperties properties, Problems problems) {
        this.maxBytes = properties.maxRequestBytes();
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        // only the eKYC image upload and the analysts' evidence upload may be larger (bounded by the multipart limits); every other path keeps the cap,
        // so an anonymous endpoint cannot be made to take an 11 MB multipart body
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")
                && "POST".equals(request.getMethod()) && MULTIPART_PATHS.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long max = "POST".equals(request.getMethod()) ? Math.max(maxBytes, LARGER_JSON_PATHS.getOrDefault(request.getRequestURI(), maxBytes)) : maxBytes;
        long declared = request.getContentLengthLong();
        if (declared > max) {
            problems.write(response, problems.generic(HttpStatus.CONTENT_TOO_LARGE, request));
            return;
        }
        chain.doFilter(new Capped(request, max), response);
    }

    private static final class Capped extends ObservedBodyRequest {
        private final long max;
        private long count;

        Capped(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        void read(byte[] buf, int off, int n) throws PayloadTooLargeException {
            if ((count += n) > max) {
                throw new PayloadTooLargeException();
            }
        }
    }
}
