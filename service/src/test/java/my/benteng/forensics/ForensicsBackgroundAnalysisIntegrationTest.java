package my.benteng.forensics;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountRef;
import my.benteng.account.Sessions;
import my.benteng.account.internal.StaffService;
import my.benteng.testing.ApiClient;
import my.benteng.testing.EmbeddedNode;
import my.benteng.testing.SyntheticCards;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static my.benteng.testing.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysis as it runs in production: on the module's own worker threads, not called by the test. A node of its own
 * (the shared contexts switch the workers off); the test only waits for the investigation to report COMPLETE.
 */
class ForensicsBackgroundAnalysisIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void anInvestigationIsAnalysedInTheBackgroundWithProgress() throws Exception {
        try (ConfigurableApplicationContext node = EmbeddedNode.start(dataDir, Clock.systemUTC(), "--benteng.scheduled-jobs.enabled=false")) {
            int port = EmbeddedNode.port(node);
            StaffService.CreatedStaff analyst = node.getBean(StaffService.class).create("bg-analyst", List.of("SECURITY_ANALYST"),
                    "correct horse battery staple", "test", null);
            String token = node.getBean(Sessions.class).issue(new AccountRef(AccountKind.STAFF, analyst.id()), Set.of("SECURITY_ANALYST")).token();
            String boundary = "----bg" + System.nanoTime();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] file : List.of(SyntheticCards.jpeg(SyntheticCards.card(42, 900), 0.9f), "not an image".getBytes(StandardCharsets.UTF_8))) {
                body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"s.jpg\"\r\n"
                        + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                body.writeBytes(file);
                body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> opened = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/forensics/investigations"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
            String id = json(opened).path("investigationId").asString();
            ApiClient api = new ApiClient(port);
            JsonNode view = null;
            // a liveness wait, not a speed check: the workers must finish on their own (two small images take about a second)
            for (int i = 0; i < 600; i++) {
                view = json(api.get("/api/v1/forensics/investigations/" + id, token));
                if ("COMPLETE".equals(view.path("status").asString())) {
                    break;
                }
                assertThat(view.path("status").asString()).isIn("QUEUED", "RUNNING");
                Thread.sleep(200);
            }
            assertThat(view.path("status").asString()).isEqualTo("COMPLETE");
            assertThat(view.path("progress").path("filesDone").asInt()).isEqualTo(2);
            assertThat(view.path("findings").size()).isEqualTo(2);
            assertThat(view.path("verdict").asString()).isEqualTo("NO_ATTRIBUTION");
            assertThat(view.path("report").path("sha256").asString()).matches("[0-9a-f]{64}");
        }
    }
}
