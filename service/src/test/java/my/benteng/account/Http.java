package my.benteng.account;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A small JDK HttpClient wrapper for real-HTTP tests against the RANDOM_PORT server. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final int port;

    Http(int port) {
        this.port = port;
    }

    HttpResponse<String> post(String path, String json) {
        return post(path, json, null);
    }

    HttpResponse<String> post(String path, String json, String bearer) {
        return send(builder(path, bearer).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> get(String path, String bearer) {
        return send(builder(path, bearer).GET());
    }

    HttpResponse<String> delete(String path, String bearer) {
        return send(builder(path, bearer).DELETE());
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** JSON string literal of a value, escaped. */
    static String q(String value) {
        return JSON.writeValueAsString(value);
    }

    static void assertProblem(HttpResponse<String> r, int status, String slug) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(json(r).path("type").asString()).isEqualTo("urn:benteng:problem:" + slug);
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\"trace\"");
    }

    /** The problem without its per-request parts, for comparing two refusals. */
    static String problemShape(HttpResponse<String> r) {
        JsonNode node = json(r);
        return r.statusCode() + " " + node.path("type").asString() + " " + node.path("title").asString() + " " + node.path("detail").asString();
    }

    private HttpRequest.Builder builder(String path, String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
