package my.benteng.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client whose socket is bound to one local source address, so that the
 * service (which trusts no proxy) sees that address as the client. One instance is one connection and is
 * used by one thread at a time. The JDK {@code HttpClient} could bind too, but it starts a selector thread
 * per client, and the attack replay needs 1,000 of them.
 */
final class MiniHttp implements AutoCloseable {

    record Response(int status, String retryAfter, String body, long nanos) {
    }

    private final InetAddress local;
    private final InetSocketAddress server;
    private final String host;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private int used;

    MiniHttp(InetAddress local, InetSocketAddress server) {
        this.local = local;
        this.server = server;
        this.host = "127.0.0.1:" + server.getPort();
    }

    InetAddress local() {
        return local;
    }

    Response get(String path) throws IOException {
        return exchange("GET", path, null);
    }

    Response post(String path, String json) throws IOException {
        return exchange("POST", path, json);
    }

    /** One request; a request on a reused connection that the server had already closed is retried once on a new one. */
    Response exchange(String method, String path, String json) throws IOException {
        return exchange(method, path, json, null);
    }

    /** As {@link #exchange(String, String, String)}, with {@code Authorization: Bearer} when {@code bearer} is not null. */
    Response exchange(String method, String path, String json, String bearer) throws IOException {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\nAccept: */*\r\nUser-Agent: benteng-bench\r\n");
        if (bearer != null) {
            head.append("Authorization: Bearer ").append(bearer).append("\r\n");
        }
        if (json != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        for (int attempt = 0; ; attempt++) {
            boolean reused = socket != null && used > 0;
            long start = System.nanoTime();
            try {
                open();
                out.write(headBytes);
                out.write(body);
                out.flush();
                Response r = read(start);
                used++;
                return r;
            } catch (IOException e) {
                close();
                if (!reused || attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void open() throws IOException {
        if (socket != null) {
            return;
        }
        Socket s = new Socket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(local, 0));
        s.setTcpNoDelay(true);
        s.setSoTimeout(60_000);
        s.connect(server, 5_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
        used = 0;
    }

    private Response read(long start) throws IOException {
        String status = line();
        if (status == null) {
            throw new EOFException("connection closed before a response");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String retryAfter = null;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = h.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                case "retry-after" -> retryAfter = value;
                default -> {
                }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (String size = line(); ; size = line()) {
                if (size == null) {
                    throw new EOFException("truncated chunked body");
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                        // trailers
                    }
                    break;
                }
                body.write(in.readNBytes(n));
                line();
            }
        } else if (length > 0) {
            byte[] b = in.readNBytes((int) length);
            if (b.length < length) {
                throw new EOFException("truncated body");
            }
            body.write(b);
        } else if (length < 0 && code >= 200 && code != 204 && code != 304) {
            body.write(in.readAllBytes());
            closeAfter = true;
        }
        long nanos = System.nanoTime() - start;
        if (closeAfter) {
            close();
        }
        return new Response(code, retryAfter, body.toString(StandardCharsets.UTF_8), nanos);
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = b.length();
                if (len > 0 && b.charAt(len - 1) == '\r') {
                    b.setLength(len - 1);
                }
                return b.toString();
            }
            b.append((char) c);
        }
        return b.isEmpty() ? null : b.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
