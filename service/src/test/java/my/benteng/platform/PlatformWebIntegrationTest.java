package my.benteng.platform;

import my.benteng.testing.SqliteIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.userdetails.UserDetailsService;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

/** The platform's answers to bad, hostile and odd requests, over real HTTP. */
@SqliteIntegrationTest
class PlatformWebIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void unknownPathIsAProblemThatDoesNotEchoThePath() throws Exception {
        HttpResponse<String> r = get("/api/v1/no-such-thing-%3Cscript%3E");
        assertProblem(r, 404, "not-found");
        assertThat(r.body()).doesNotContain("no-such-thing").doesNotContain("script");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<String> r = get("/api/test/probe");
        assertProblem(r, 405, "method-not-allowed");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void wrongMediaTypeIs415() throws Exception {
        HttpResponse<String> r = post("/api/test/probe", "text/plain", "name=evil");
        assertProblem(r, 415, "unsupported-media-type");
        assertThat(r.body()).doesNotContain("text/plain");
    }

    @Test
    void malformedJsonIs400WithoutEcho() throws Exception {
        HttpResponse<String> r = post("/api/test/probe", "application/json", "{\"name\": \"<img src=x onerror=alert(1)>\" ");
        assertProblem(r, 400, "malformed-body");
        assertThat(r.body()).doesNotContain("onerror").doesNotContain("img");
    }

    @Test
    void unknownPropertiesAreRefused() throws Exception {
        assertProblem(post("/api/test/probe", "application/json", "{\"name\":\"a\",\"isAdmin\":true}"), 400, "malformed-body");
    }

    @Test
    void validationNamesTheFieldAndTheRuleButNotTheValue() throws Exception {
        HttpResponse<String> r = post("/api/test/probe", "application/json", "{\"name\":\"" + "Z".repeat(30) + "\"}");
        assertProblem(r, 400, "invalid-request");
        assertThat(r.body()).contains("\"field\":\"name\"").doesNotContain("ZZZZ");
    }

    @Test
    void valueObjectRefusalIsAValidationProblem() throws Exception {
        HttpResponse<String> r = post("/api/test/probe", "application/json", "{\"name\":\"a\",\"phone\":\"+60 12\\r\\nBcc: x@example.com\"}");
        assertProblem(r, 400, "invalid-request");
        assertThat(r.body()).contains("\"field\":\"phone\"").doesNotContain("Bcc");
    }

    @Test
    void oversizedBodyIs413BeforeParsing() throws Exception {
        HttpResponse<String> r = post("/api/test/probe", "application/json", "{\"name\":\"" + "a".repeat(70_000) + "\"}");
        assertProblem(r, 413, "payload-too-large");
    }

    @Test
    void oversizedChunkedBodyIs413() throws Exception {
        byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri("/api/test/probe")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    final Iterator<Integer> parts = java.util.stream.IntStream.range(0, 20).iterator();
                    byte[] current = "{\"name\":\"".getBytes(StandardCharsets.UTF_8);
                    int pos;

                    @Override
                    public int read() throws IOException {
                        if (pos >= current.length) {
                            if (!parts.hasNext()) {
                                return -1;
                            }
                            parts.next();
                            current = chunk;
                            pos = 0;
                        }
                        return current[pos++];
                    }
                })).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertProblem(r, 413, "payload-too-large");
    }

    @Test
    void unexpectedErrorIsAGeneric500WithoutStackTraceOrMessage() throws Exception {
        HttpResponse<String> r = post("/api/test/explode", "application/json", "{}");
        assertProblem(r, 500, "internal-error");
        assertThat(r.body()).doesNotContain("secret-token").doesNotContain("IllegalStateException").doesNotContain("at my.benteng");
    }

    @Test
    void aTransactionThatCannotStartIsA503WithRetryAfterNotA500() throws Exception {
        HttpResponse<String> r = post("/api/test/busy", "application/json", "{}");
        assertProblem(r, 503, "unavailable");
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(r.body()).doesNotContain("SQLITE").doesNotContain("Exception");
    }

    @Test
    void aCommitRefusedBySqlitesLockIsA503NotA500() throws Exception {
        HttpResponse<String> r = post("/api/test/busy-commit", "application/json", "{}");
        assertProblem(r, 503, "unavailable");
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
        assertThat(r.body()).doesNotContain("SQLITE").doesNotContain("Exception");
    }

    @Test
    void everyResponseCarriesAServerMadeRequestId() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/actuator/health")).header("X-Request-Id", "forged-id-from-client").build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Request-Id")).get().asString().matches("[0-9a-f]{24}").isNotEqualTo("forged-id-from-client");
        assertThat(get("/nope").headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void securityHeadersAreSet() throws Exception {
        HttpResponse<String> r = get("/actuator/health");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString().contains("frame-ancestors 'none'");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void actuatorExposesOnlyHealthInfoAndPrometheus() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
        for (String hidden : new String[] {"/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops", "/actuator/loggers"}) {
            HttpResponse<String> r = get(hidden);
            assertThat(r.statusCode()).as(hidden).isIn(401, 403, 404);
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        }
    }

    @Test
    void anUnknownOrMalformedBearerTokenIs401NotAnonymous() throws Exception {
        for (String token : new String[] {"A".repeat(43), "not a token", "x".repeat(5000)}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/v1/anything")).header("Authorization", "Bearer " + token)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertProblem(r, 401, "invalid-token");
            assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void noGeneratedUserOrPasswordExists() {
        assertThat(context.getBeanNamesForType(UserDetailsService.class)).isEmpty();
    }

    @Test
    void openApiDocumentIsServed() throws Exception {
        HttpResponse<String> r = get("/v3/api-docs");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"openapi\"");
    }

    private void assertProblem(HttpResponse<String> r, int status, String slug) {
        assertThat(r.statusCode()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(r.body()).contains("\"type\":\"urn:benteng:problem:" + slug + "\"").contains("\"requestId\"")
                .doesNotContain("\"trace\"").doesNotContain("Exception");
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
