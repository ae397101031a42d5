package my.benteng.detection.internal.alert;

import my.benteng.platform.KeyedHash;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic webhook: each transition as JSON, signed the way Grafana signs its webhooks. {@code X-Benteng-Timestamp} is
 * the send time in Unix seconds and {@code X-Benteng-Signature} the lower-case hex HMAC-SHA256 of
 * {@code timestamp + ":" + body} under the shared secret: the receiver recomputes it, compares in constant time and
 * refuses an old timestamp, so a captured request can be neither altered nor replayed later. HMAC and not a public-key
 * signature because the receiver is configured by the same operator who holds the secret. {@code X-Benteng-Delivery} is
 * the same for every attempt of one transition: a receiver that saw it already drops the repeat.
 */
final class WebhookReceiver implements AlertReceiver {

    static final String TIMESTAMP = "X-Benteng-Timestamp";
    static final String SIGNATURE = "X-Benteng-Signature";
    static final String DELIVERY = "X-Benteng-Delivery";

    private final String name;
    private final URI url;
    private final KeyedHash signer;
    private final ReceiverHttp http;
    private final JsonMapper json;
    private final Clock clock;

    WebhookReceiver(String name, URI url, KeyedHash signer, ReceiverHttp http, JsonMapper json, Clock clock) {
        this.name = name;
        this.url = url;
        this.signer = signer;
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean resendsWhileFiring() {
        return false;
    }

    @Override
    public Result deliver(String deliveryId, Transition transition, AlertNotice notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "1");
        body.put("deliveryId", deliveryId);
        body.put("transition", transition.wireName());
        body.put("alert", notice);
        String text = json.writeValueAsString(body);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        return http.post(url, text, Map.of(TIMESTAMP, timestamp, SIGNATURE, signer.hex(timestamp + ":" + text), DELIVERY, deliveryId));
    }

    @Override
    public String toString() {
        return "WebhookReceiver[" + name + " " + url.getScheme() + "://" + url.getHost() + "]"; // a hook URL may hold a token in its path
    }
}
