package my.benteng.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP/1.1 over a plain socket, for what {@code java.net.http} cannot show: whether the server answered before the
 * request body was sent. {@link #headOnly} sends the head of a request that announces a body and never sends a byte
 * of that body; the answer can only be a refusal made without reading it (or, with {@code Expect: 100-continue}, the
 * server's "100 Continue", which Tomcat sends when something starts reading the body).
 */
public final class RawHttp {

    /** Bounds a server that (wrongly) waits for the body; a correct server answers at once. */
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private RawHttp() {
    }

    /** The first answer to a request: its status line, headers (lower-case names) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Exact bytes of a request: the request line and header lines joined with CRLF, Host and {@code Connection: close}
     * added, and Content-Length when there is a body. java.net.http and RestClient re-encode or refuse what a hostile
     * client sends (bad escapes, C1 bytes in headers, a space in the request target); this does not.
     */
    public static byte[] request(String requestLine, byte[] body, String... headerLines) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(latin1(requestLine + "\r\nHost: localhost\r\nConnection: close\r\n"));
        for (String header : headerLines) {
            out.writeBytes(latin1(header + "\r\n"));
        }
        if (body != null) {
            out.writeBytes(latin1("Content-Length: " + body.length + "\r\n"));
        }
        out.writeBytes(latin1("\r\n"));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** Each char of the text as one byte (so "\u0085" is the byte 0x85). */
    public static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code request} as it is and reads the answer. */
    public static Answer send(int port, byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends only the head of {@code method path} announcing {@code contentLength} body bytes and reads the first answer.
     * The head carries {@code Connection: close}, the given headers and, when {@code expectContinue}, {@code Expect:
     * 100-continue}.
     */
    public static Answer headOnly(int port, String method, String path, Map<String, String> headers, long contentLength,
                                  boolean expectContinue) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MILLIS);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Length: ").append(contentLength).append("\r\n");
            if (expectContinue) {
                head.append("Expect: 100-continue\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer is the given problem: not "100 Continue" (the server asked for the body), no stack trace, no trace.
     */
    public static void assertProblem(Answer answer, int status, String slug) {
        assertThat(answer.status()).as("the server asked for the body (100 Continue) or answered otherwise: %s", answer.body())
                .isEqualTo(status);
        assertThat(answer.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(ApiClient.JSON.readTree(answer.body()).path("type").asString()).isEqualTo("urn:benteng:problem:" + slug);
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\"trace\"");
    }

    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.1 ")) {
            throw new IOException("no HTTP answer");
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        if (status == 100) {
            return new Answer(status, headers, "");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (headers.containsKey("content-length")) {
            body.writeBytes(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
        } else {
            try {
                body.writeBytes(in.readAllBytes());
            } catch (java.net.SocketException e) {
                // the server may reset the connection after answering a request it refused before reading the body
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
