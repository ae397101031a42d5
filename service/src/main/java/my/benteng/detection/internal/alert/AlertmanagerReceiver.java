package my.benteng.detection.internal.alert;

import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus Alertmanager's v2 API: {@code POST {base}/api/v2/alerts} with one alert. Alertmanager identifies an alert by
 * its label set, so sending the same alert again is harmless (it only refreshes it); the fingerprint is a label so that
 * two alerts of one rule for different subjects stay two alerts there too; {@code source="benteng"} lets a route pick them out. A firing alert carries an {@code endsAt} four
 * resend intervals ahead (as Prometheus does), so Alertmanager resolves it by itself if Benteng stops sending; a resolve
 * carries the time it was resolved.
 */
final class AlertmanagerReceiver implements AlertReceiver {

    private final String name;
    private final URI endpoint;
    private final URI publicBaseUrl;
    private final Duration resendInterval;
    private final ReceiverHttp http;
    private final JsonMapper json;
    private final Clock clock;

    AlertmanagerReceiver(String name, URI base, URI publicBaseUrl, Duration resendInterval, ReceiverHttp http, JsonMapper json, Clock clock) {
        this.name = name;
        String b = base.toString();
        this.endpoint = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/api/v2/alerts");
        this.publicBaseUrl = publicBaseUrl;
        this.resendInterval = resendInterval;
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
        return true;
    }

    @Override
    public Result deliver(String deliveryId, Transition transition, AlertNotice notice) {
        return http.post(endpoint, body(transition, notice), Map.of());
    }

    String body(Transition transition, AlertNotice notice) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", notice.title());
        labels.put("severity", notice.level());
        labels.put("rule_id", notice.ruleId());
        labels.put("attack", String.join(",", notice.attack()));
        labels.put("fingerprint", notice.fingerprint());
        labels.put("source", "benteng"); // what an Alertmanager route matches on (deploy/alertmanager/benteng-route.yml)
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", notice.summary());
        annotations.put("alert_id", notice.alertId());
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", annotations);
        alert.put("startsAt", Instant.ofEpochMilli(notice.firstSeen()).toString());
        Instant endsAt = transition == Transition.RESOLVED && notice.resolvedAt() != null
                ? Instant.ofEpochMilli(notice.resolvedAt()) : clock.instant().plus(resendInterval.multipliedBy(4));
        alert.put("endsAt", endsAt.toString());
        alert.put("generatorURL", publicBaseUrl.resolve("/api/v1/alerts/" + notice.alertId()).toString());
        return json.writeValueAsString(List.of(alert));
    }

    @Override
    public String toString() {
        return "AlertmanagerReceiver[" + name + " " + endpoint.getScheme() + "://" + endpoint.getHost() + "]";
    }
}
