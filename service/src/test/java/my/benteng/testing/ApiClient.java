package my.benteng.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real HTTP against the RANDOM_PORT server from one client address of its own (2001:db8::/32 through the
 * trusted loopback proxy), so tests do not share per-address limits.
 */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int port;
    private final String clientIp;

    public ApiClient(int port) {
        this.port = port;
        this.clientIp = String.format("2001:db8:%x:%x::%x", RANDOM.nextInt(0xffff), RANDOM.nextInt(0xffff), 1 + RANDOM.nextInt(0xfff));
    }

    public String clientIp() {
        return clientIp;
    }

    public HttpResponse<String> post(String path, String json) {
        return post(path, json, null);
    }

    public HttpResponse<String> post(String path, String json, String bearer) {
        return send(builder(path, bearer).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String bearer) {
        return send(builder(path, bearer).GET(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, String bearer) {
        return send(builder(path, bearer).GET(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** JSON string literal of a value, escaped. */
    public static String q(String value) {
        return JSON.writeValueAsString(value);
    }

    public static void assertProblem(HttpResponse<String> r, int status, String slug) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(r).path("type").asString()).isEqualTo("urn:benteng:problem:" + slug);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\"trace\"");
    }

    /** The problem without its per-request parts, for comparing two refusals. */
    public static String problemShape(HttpResponse<String> r) {
        JsonNode node = json(r);
        return r.statusCode() + " " + node.path("type").asString() + " " + node.path("title").asString() + " " + node.path("detail").asString()
                + " " + node.path("errors");
    }

    private HttpRequest.Builder builder(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Forwarded-For", clientIp);
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private static <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return CLIENT.send(request.build(), handler);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
