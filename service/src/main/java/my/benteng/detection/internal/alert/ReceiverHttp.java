package my.benteng.detection.internal.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One JSON POST to a receiver with the JDK client: a connect timeout, a timeout for the whole answer, no redirects
 * followed (a signed body must not be carried to another address), and the answer's body discarded unread.
 */
final class ReceiverHttp {

    private final HttpClient client;
    private final Duration requestTimeout;

    ReceiverHttp(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
        this.requestTimeout = requestTimeout;
    }

    AlertReceiver.Result post(URI url, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("User-Agent", "Benteng-Alerts/1")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        int status;
        try {
            status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (HttpConnectTimeoutException e) {
            return new AlertReceiver.Retry("connect_timeout");
        } catch (HttpTimeoutException e) {
            return new AlertReceiver.Retry("timeout");
        } catch (IOException e) {
            return new AlertReceiver.Retry(e instanceof java.net.ConnectException ? "connect" : "io");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AlertReceiver.Retry("interrupted");
        }
        if (status >= 200 && status < 300) {
            return new AlertReceiver.Delivered();
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new AlertReceiver.Retry("http_" + status);
        }
        return new AlertReceiver.Rejected("http_" + status);
    }
}
