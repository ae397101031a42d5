package my.benteng.detection.internal.alert;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the alerts ({@code benteng.detection.*}). {@code toString()} leaves out the webhook secret.
 *
 * @param alertmanagerUrl base URL of a Prometheus Alertmanager ({@code BENTENG_DETECTION_ALERTMANAGER_URL}); alerts are
 *                        POSTed to {@code {base}/api/v2/alerts}; empty: no Alertmanager
 * @param webhookUrl      URL of a generic webhook that gets each transition as signed JSON; empty: no webhook
 * @param webhookSecret   HMAC key of the webhook signature; empty: a key file under the data dir (not in prod)
 * @param resendInterval  how often Alertmanager is told again that an alert still fires (it expires alerts it stops
 *                        hearing of, after four intervals)
 * @param maxSilence      longest silence an operator may set
 * @param evidenceLinks   audit sequence numbers kept per alert at each end (the first and the last this many)
 * @param delivery        how the delivery outbox is sent and retried
 * @param retention       how long a resolved alert is kept after its resolve; then it is purged with its evidence links
 *                        and deliveries by a daily job (firing and acknowledged alerts are never purged)
 */
@ConfigurationProperties("benteng.detection")
public record AlertProperties(
        @DefaultValue("") String alertmanagerUrl,
        @DefaultValue("") String webhookUrl,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("1m") Duration resendInterval,
        @DefaultValue("30d") Duration maxSilence,
        @DefaultValue("20") int evidenceLinks,
        @DefaultValue Delivery delivery,
        @DefaultValue("90d") java.time.Period retention) {

    public AlertProperties {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("benteng.detection.retention must be positive");
        }
    }

    /**
     * @param pollInterval   how often the background dispatcher looks for due deliveries
     * @param batchSize      deliveries claimed per round
     * @param lease          how long a claimed delivery is reserved; then another dispatcher sends it again (same delivery id)
     * @param baseDelay      delay before the first retry; doubled for each further one
     * @param maxDelay       largest delay between two attempts
     * @param giveUpAfter    a delivery still not accepted this long after its transition is given up (FAILED, audited)
     * @param connectTimeout TCP connect timeout towards a receiver
     * @param requestTimeout time allowed for a receiver's answer
     * @param keepFinished   how long sent and failed deliveries stay in the outbox
     */
    public record Delivery(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("50") int batchSize,
            @DefaultValue("60s") Duration lease,
            @DefaultValue("5s") Duration baseDelay,
            @DefaultValue("10m") Duration maxDelay,
            @DefaultValue("7d") Duration giveUpAfter,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("5s") Duration requestTimeout,
            @DefaultValue("30d") Duration keepFinished) {
    }

    boolean alertmanagerEnabled() {
        return !alertmanagerUrl.isBlank();
    }

    boolean webhookEnabled() {
        return !webhookUrl.isBlank();
    }

    @Override
    public String toString() {
        // URLs may carry credentials (user info, a token in a hook's path): only whether they are set
        return "AlertProperties[alertmanagerUrl=" + (alertmanagerEnabled() ? "<set>" : "<unset>") + ", webhookUrl="
                + (webhookEnabled() ? "<set>" : "<unset>") + ", webhookSecret="
                + (webhookSecret.isEmpty() ? "<unset>" : "<set>") + ", resendInterval=" + resendInterval + ", maxSilence=" + maxSilence
                + ", evidenceLinks=" + evidenceLinks + ", delivery=" + delivery + ", retention=" + retention + "]";
    }
}
