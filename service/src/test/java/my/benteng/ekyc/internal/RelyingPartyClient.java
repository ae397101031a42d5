package my.benteng.ekyc.internal;

import my.benteng.testing.TestClock;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** A relying party's HTTP client: signs every request as the API documents; tests may tamper with the headers. */
public final class RelyingPartyClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    public final String relyingPartyId;
    final String keyId;
    private final String secret;
    private final int port;
    private final String clientIp;

    RelyingPartyClient(int port, String relyingPartyId, String keyId, String secret, String clientIp) {
        this.port = port;
        this.relyingPartyId = relyingPartyId;
        this.keyId = keyId;
        this.secret = secret;
        this.clientIp = clientIp;
    }

    RelyingPartyClient from(String otherIp) {
        return new RelyingPartyClient(port, relyingPartyId, keyId, secret, otherIp);
    }

    RelyingPartyClient withKey(String otherKeyId, String otherSecret) {
        return new RelyingPartyClient(port, relyingPartyId, otherKeyId, otherSecret, clientIp);
    }

    String clientIp() {
        return clientIp;
    }

    static String nonce() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The four signature headers for a request. */
    Map<String, String> headers(String method, String path, byte[] bodySha256) {
        String timestamp = Long.toString(TestClock.INSTANCE.instant().getEpochSecond());
        String nonce = nonce();
        byte[] mac = SignedRequests.sign(RelyingParties.signingKey(secret), method, path, timestamp, nonce, bodySha256);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Ekyc-Key", keyId);
        h.put("X-Ekyc-Timestamp", timestamp);
        h.put("X-Ekyc-Nonce", nonce);
        h.put("X-Ekyc-Signature", Base64.getUrlEncoder().withoutPadding().encodeToString(mac));
        return h;
    }

    HttpResponse<String> verify(String json) {
        return verify(json, h -> { });
    }

    HttpResponse<String> verify(String json, Consumer<Map<String, String>> tamper) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = headers("POST", "/api/v1/ekyc/verify", SignedRequests.sha256(body));
        tamper.accept(h);
        return send(HttpRequest.newBuilder(uri("/api/v1/ekyc/verify")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)), h, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a prepared request again, byte for byte (a replay). */
    HttpResponse<String> verifyWithHeaders(String json, Map<String, String> h) {
        return send(HttpRequest.newBuilder(uri("/api/v1/ekyc/verify")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), h, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> session(String myKad, String consent, byte[] front, byte[] back) {
        return session(myKad, consent, front, back, "image/jpeg", h -> { });
    }

    HttpResponse<String> session(String myKad, String consent, byte[] front, byte[] back, String declaredType,
                                 Consumer<Map<String, String>> tamper) {
        byte[] digest = SignedRequests.multipartDigest(back, consent.getBytes(StandardCharsets.UTF_8), front,
                myKad.getBytes(StandardCharsets.UTF_8));
        Map<String, String> h = headers("POST", "/api/v1/ekyc/sessions", digest);
        tamper.accept(h);
        String boundary = "----ekyc" + nonce();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, boundary, "myKadNumber", myKad);
        field(out, boundary, "consent", consent);
        file(out, boundary, "front", "../../etc/front.jpg", declaredType, front);
        file(out, boundary, "back", "back.jpg", declaredType, back);
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/api/v1/ekyc/sessions")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())), h, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> image(String id) {
        String path = "/api/v1/ekyc/images/" + id;
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers("GET", path, SignedRequests.sha256(new byte[0])),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void field(ByteArrayOutputStream out, String boundary, String name, String value) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static void file(ByteArrayOutputStream out, String boundary, String name, String fileName, String type, byte[] bytes) {
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, Map<String, String> headers, HttpResponse.BodyHandler<T> handler) {
        b.header("X-Forwarded-For", clientIp);
        headers.forEach(b::header);
        try {
            return HTTP.send(b.build(), handler);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
