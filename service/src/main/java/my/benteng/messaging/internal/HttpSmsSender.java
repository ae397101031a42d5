package my.benteng.messaging.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic SMS HTTP gateway: POST {@code {"to","text","reference"}} with a bearer token; any 2xx means
 * accepted. The reference is the outbox id, the gateway's idempotency key.
 */
final class HttpSmsSender implements MessageSender {

    private static final Logger log = LoggerFactory.getLogger(HttpSmsSender.class);

    private final RestClient client;
    private final URI url;
    private final String authorization;
    private final JsonMapper json;

    HttpSmsSender(URI url, String token, Duration connectTimeout, Duration readTimeout, JsonMapper json) {
        this.url = url;
        this.authorization = "Bearer " + token;
        this.json = json;
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).version(HttpClient.Version.HTTP_1_1).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(readTimeout);
        this.client = RestClient.builder().requestFactory(factory).build();
    }

    @Override
    public SendResult send(OutboundMessage message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("to", message.to());
        body.put("text", message.content().text());
        body.put("reference", message.reference().toString());
        try {
            int status = client.post().uri(url)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(body))
                    .exchange((request, response) -> response.getStatusCode().value());
            if (status >= 200 && status < 300) {
                return new SendResult.Accepted();
            }
            if (status == 408 || status == 429 || status == 503) {
                // the gateway says it did not take the message (timeout waiting for it, throttled, unavailable)
                return new SendResult.Retry("http_" + status);
            }
            if (status >= 500) {
                // 500, 502, 504: a proxy or the gateway failed after the request reached it, and the provider may have
                // the message; the dispatcher decides by the template's delivery semantics, as for a lost answer
                return new SendResult.Uncertain("http_" + status);
            }
            return new SendResult.Rejected("http_" + status);
        } catch (RuntimeException e) {
            if (neverConnected(e)) {
                // no connection, so the gateway cannot have the message: always safe to try again
                log.warn("sms gateway unreachable reference={} error={}", message.reference(), rootName(e));
                return new SendResult.Retry("io_connect");
            }
            // the request may have been delivered (read timeout, connection lost mid-answer): a blind resend could
            // send a code twice, so the dispatcher decides by the template's delivery semantics
            log.warn("sms gateway did not answer reference={} error={}", message.reference(), rootName(e));
            return new SendResult.Uncertain("io");
        }
    }

    private static boolean neverConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.http.HttpConnectTimeoutException
                    || t instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
