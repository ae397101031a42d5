package my.benteng.detection.internal.alert;

import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditLog;
import my.benteng.platform.DatabaseDialect;
import my.benteng.platform.HttpAuthorizationRules;
import my.benteng.platform.KeyedHash;
import my.benteng.platform.LocalSecrets;
import my.benteng.platform.PlatformProperties;
import my.benteng.platform.ProductionCheck;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Wires the alert book, its receivers (from {@link AlertProperties}), the delivery outbox and who may use the alert API. */
@Configuration(proxyBeanMethods = false)
class AlertConfiguration {

    static final String ALERTMANAGER = "alertmanager";
    static final String WEBHOOK = "webhook";

    @Bean
    JdbcAlerts jdbcAlerts(JdbcClient jdbc, JsonMapper json) {
        return new JdbcAlerts(jdbc, json);
    }

    @Bean
    JdbcAlertDeliveries jdbcAlertDeliveries(JdbcClient jdbc, DatabaseDialect dialect) {
        return new JdbcAlertDeliveries(jdbc, dialect);
    }

    @Bean
    AlertGauge alertGauge(JdbcAlerts alerts, MeterRegistry meters) {
        return new AlertGauge(alerts, meters);
    }

    /** The configured receivers: Alertmanager and the webhook, each only when its URL is set. */
    /** The receivers configured on this node (a holder: a bare List bean would be confused with a collection of beans). */
    record Receivers(List<AlertReceiver> all) {
    }

    @Bean
    Receivers alertReceivers(AlertProperties properties, PlatformProperties platform, LocalSecrets secrets, JsonMapper json,
                                       Clock clock) {
        ReceiverHttp http = new ReceiverHttp(properties.delivery().connectTimeout(), properties.delivery().requestTimeout());
        List<AlertReceiver> receivers = new ArrayList<>();
        if (properties.alertmanagerEnabled()) {
            receivers.add(new AlertmanagerReceiver(ALERTMANAGER, url(properties.alertmanagerUrl(), "benteng.detection.alertmanager-url"),
                    platform.publicBaseUrl(), properties.resendInterval(), http, json, clock));
        }
        if (properties.webhookEnabled()) {
            KeyedHash signer = new KeyedHash(secrets.secret(properties.webhookSecret(), "detection-webhook.key"));
            receivers.add(new WebhookReceiver(WEBHOOK, url(properties.webhookUrl(), "benteng.detection.webhook-url"), signer, http, json, clock));
        }
        return new Receivers(List.copyOf(receivers));
    }

    @Bean
    AlertBook alertBook(JdbcAlerts alerts, JdbcAlertDeliveries deliveries, Receivers alertReceivers, AuditLog audit,
                        PlatformTransactionManager transactions, JsonMapper json, Clock clock, SecureRandom random,
                        AlertProperties properties, AlertGauge gauge) {
        return new AlertBook(alerts, deliveries, alertReceivers.all(), audit, new TransactionTemplate(transactions), json, clock, random,
                properties, gauge);
    }

    @Bean
    AlertDispatcher alertDispatcher(JdbcAlertDeliveries deliveries, Receivers alertReceivers, PlatformTransactionManager transactions,
                                    AuditLog audit, JsonMapper json, MeterRegistry meters, Clock clock, AlertProperties properties) {
        return new AlertDispatcher(deliveries, alertReceivers.all(), new TransactionTemplate(transactions), audit, json, meters, clock,
                properties.delivery());
    }

    @Bean
    AlertJobs alertJobs(AlertBook book, AlertDispatcher dispatcher, AlertProperties properties) {
        return new AlertJobs(book, dispatcher, properties);
    }

    /** Alerts name attacks and their masked subjects: for the people who investigate incidents and run the service. */
    @Bean
    HttpAuthorizationRules alertAuthorizationRules() {
        return rules -> rules.requestMatchers("/api/v1/alerts", "/api/v1/alerts/**").hasAnyRole("SECURITY_ANALYST", "OPERATOR");
    }

    /** A generated webhook key lives in the data directory, where the receiver's operator cannot be handed it safely. */
    @Bean
    ProductionCheck alertProductionCheck(AlertProperties properties) {
        return () -> properties.webhookEnabled() && !LocalSecrets.isStrong(properties.webhookSecret())
                ? List.of("benteng.detection.webhook-secret must be set (at least " + LocalSecrets.MIN_LENGTH + " characters) when a webhook is")
                : List.of();
    }

    /** An absolute http(s) URL, or start-up stops naming the setting (never its value, which may hold a token). */
    static URI url(String text, String setting) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalStateException(setting + " must be an absolute http or https URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(setting + " is not a URL");
        }
    }
}
