package my.benteng.platform.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.multipart.MultipartException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses malformed requests before anything reads them, with one 400 problem and no log line: a query string that is not
 * well-formed percent-encoded, shortest-form UTF-8; a header value with a control character
 * (or, in a header the service reads, any byte outside printable ASCII); a multipart body without a boundary. JSON bodies
 * are checked to be shortest-form UTF-8 while they are read. Without this, Tomcat's parameter decoding, Spring Security's
 * firewall and the multipart parser threw exceptions that ended as 500s with stack traces quoting the input.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class RequestHygieneFilter extends OncePerRequestFilter {

    /** Headers the service reads; their values are tokens, ids and secrets, never text, so only printable ASCII is valid. */
    private static final Set<String> READ_HEADERS = Set.of("authorization", "x-forwarded-for", "x-device-id", "x-ekyc-key",
            "x-ekyc-signature", "x-ekyc-nonce", "x-ekyc-timestamp", "x-helpdesk-inbound-secret");

    private final Problems problems;

    RequestHygieneFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!wellFormedQuery(request.getQueryString()) || !cleanHeaders(request) || multipartWithoutBoundary(request.getContentType())) {
            refuse(request, response);
            return;
        }
        boolean json = isJson(request.getContentType());
        if (json && !utf8OrNoCharset(request.getContentType())) {
            // Spring would decode the body with the declared charset: a proxy or WAF reading it as UTF-8 would see
            // other text than the service does, so JSON is UTF-8 only (RFC 8259 section 8.1)
            problems.write(response, problems.generic(HttpStatus.UNSUPPORTED_MEDIA_TYPE, request));
            return;
        }
        try {
            chain.doFilter(json ? new Utf8CheckedRequest(request) : request, response);
        } catch (InvalidParameterException | RequestRejectedException | MultipartException e) {
            // thrown by a filter that read a malformed form body or header (MVC's own are answered by ProblemDetailsAdvice);
            // the messages quote the input, so neither they nor a stack trace are logged
            if (response.isCommitted()) {
                throw e;
            }
            refuse(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        problems.write(response, problems.generic(HttpStatus.BAD_REQUEST, request));
    }

    /**
     * Percent-escapes complete and the decoded bytes shortest-form UTF-8 (Java's decoder refuses overlong forms). An escaped
     * control character is left to the parameter's own validation, which names the field; log lines escape it anyway.
     */
    static boolean wellFormedQuery(String query) {
        if (query == null || query.isEmpty()) {
            return true;
        }
        ByteBuffer bytes = ByteBuffer.allocate(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int hi = Character.digit(query.charAt(i + 1), 16);
                int lo = Character.digit(query.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.put((byte) (hi << 4 | lo));
                i += 2;
            } else if (c > 0x7e || c < 0x20) {
                return false;
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean cleanHeaders(HttpServletRequest request) {
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            boolean read = READ_HEADERS.contains(name.toLowerCase(Locale.ROOT));
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                String value = values.nextElement();
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if ((isControl(c) && c != '\t') || (read && c > 0x7e)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** C0, DEL and C1 (Tomcat reads header bytes as ISO-8859-1, so a byte 0x85 arrives as U+0085, a line break to some readers). */
    private static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }

    private static boolean multipartWithoutBoundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return false;
        }
        int boundary = contentType.toLowerCase(Locale.ROOT).indexOf("boundary=");
        return boundary < 0 || boundary + "boundary=".length() >= contentType.length();
    }

    /** No {@code charset} parameter, or {@code utf-8}. */
    static boolean utf8OrNoCharset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.strip().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=")) {
                String charset = p.substring("charset=".length()).replace("\"", "").strip();
                if (!charset.equals("utf-8") && !charset.equals("utf8")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int end = type.indexOf(';');
        type = (end < 0 ? type : type.substring(0, end)).strip();
        return type.equals("application/json") || type.endsWith("+json");
    }

    /** A JSON body is read through {@link Utf8Validator}: Jackson itself decodes overlong forms ({@code C0 AF} as '/'). */
    private static final class Utf8CheckedRequest extends ObservedBodyRequest {
        private final Utf8Validator validator = new Utf8Validator();

        Utf8CheckedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        void read(byte[] buf, int off, int n) throws IOException {
            for (int i = 0; i < n; i++) {
                int b = buf[off + i] & 0xff;
                // RFC 8259 allows no raw control character but TAB, LF and CR; refusing them (NUL above all) also refuses
                // UTF-16/32 bodies, which Jackson would detect and decode while a proxy reads UTF-8
                if (b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                    throw new MalformedBodyException();
                }
                validator.accept(b);
            }
        }

        @Override
        void end() throws IOException {
            validator.end();
        }
    }
}
