package my.benteng.detection.internal.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends the alert delivery outbox: claims due rows (exclusive until their lease runs out), sends each to its receiver on a
 * virtual thread, and records the result in its own short transaction. Any number of dispatchers may run on any number
 * of nodes. A row recorded as SENT is never sent again; one whose dispatcher died between sending and recording is sent
 * again when its lease runs out, under the same delivery id (receivers drop a repeat by it; Alertmanager merges repeats by
 * their labels). A receiver that is down keeps its rows PENDING with growing delays; nothing is dropped until
 * {@code give-up-after}, and then visibly (audited, logged).
 */
public final class AlertDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private final JdbcAlertDeliveries deliveries;
    private final Map<String, AlertReceiver> receivers;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AlertProperties.Delivery settings;

    AlertDispatcher(JdbcAlertDeliveries deliveries, List<AlertReceiver> receivers, TransactionTemplate tx, AuditLog audit, JsonMapper json,
                    MeterRegistry meters, Clock clock, AlertProperties.Delivery settings) {
        this.deliveries = deliveries;
        this.receivers = new LinkedHashMap<>();
        receivers.forEach(r -> this.receivers.put(r.name(), r));
        this.tx = tx;
        this.audit = audit;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
    }

    /** A dispatcher of the same outbox for other receivers (tests, tools): it claims only those receivers' rows. */
    AlertDispatcher withReceivers(List<AlertReceiver> other) {
        return new AlertDispatcher(deliveries, other, tx, audit, json, meters, clock, settings);
    }

    /**
     * Claims one batch of due deliveries and sends it.
     *
     * @return how many were claimed (a full batch means more may be waiting)
     */
    public int dispatchDue() {
        // the claim commits before anything is sent: inside a caller's transaction a rollback would undo the claim of a
        // delivery already sent
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the alert dispatcher must run outside a transaction");
        }
        if (receivers.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        List<JdbcAlertDeliveries.PendingDelivery> claimed = tx.execute(s ->
                deliveries.claim(List.copyOf(receivers.keySet()), now, now + settings.lease().toMillis(), settings.batchSize()));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        if (claimed.size() == 1) {
            deliver(claimed.getFirst());
        } else {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>(claimed.size());
                for (JdbcAlertDeliveries.PendingDelivery d : claimed) {
                    running.add(threads.submit(() -> deliver(d)));
                }
                for (Future<?> f : running) {
                    try {
                        f.get();
                    } catch (Exception e) {
                        log.error("alert delivery task failed", e);
                    }
                }
            }
        }
        return claimed.size();
    }

    private void deliver(JdbcAlertDeliveries.PendingDelivery d) {
        try {
            AlertReceiver receiver = receivers.get(d.receiver());
            AlertNotice notice = json.readValue(d.payload(), AlertNotice.class);
            AlertReceiver.Result result;
            try {
                result = receiver.deliver(d.id(), d.transition(), notice);
            } catch (RuntimeException e) {
                log.warn("alert receiver threw delivery={} receiver={} error={}", d.id(), d.receiver(), e.getClass().getSimpleName());
                result = new AlertReceiver.Retry("exception");
            }
            record(d, result);
        } catch (RuntimeException e) {
            // the lease runs out and another round sends it again under the same delivery id
            log.error("alert delivery={} failed before its result was recorded", d.id(), e);
        }
    }

    private void record(JdbcAlertDeliveries.PendingDelivery d, AlertReceiver.Result result) {
        long now = clock.millis();
        switch (result) {
            case AlertReceiver.Delivered ok -> {
                if (Boolean.TRUE.equals(tx.execute(s -> deliveries.finish(d, "SENT", null, now)))) {
                    count(d, "sent");
                }
            }
            case AlertReceiver.Retry r when now - d.createdAt() < settings.giveUpAfter().toMillis() -> {
                long next = now + backoff(d.attempts()).toMillis();
                if (Boolean.TRUE.equals(tx.execute(s -> deliveries.reschedule(d, next, r.code())))) {
                    count(d, "retried");
                    log.info("alert delivery will be retried delivery={} receiver={} attempt={} error={}", d.id(), d.receiver(),
                            d.attempts(), r.code());
                }
            }
            case AlertReceiver.Retry r -> fail(d, "gave_up_" + r.code(), now);
            case AlertReceiver.Rejected r -> fail(d, r.code(), now);
        }
    }

    private void fail(JdbcAlertDeliveries.PendingDelivery d, String code, long now) {
        String error = code.length() > 64 ? code.substring(0, 64) : code;
        boolean recorded = Boolean.TRUE.equals(tx.execute(s -> {
            if (!deliveries.finish(d, "FAILED", error, now)) {
                return false;
            }
            audit.record(AuditEvent.named("detection_alert_delivery_failed").outcome(AuditOutcome.FAILURE)
                    .reason("detection.delivery.failed").subject(d.alertId()).detail("delivery", d.id()).detail("receiver", d.receiver())
                    .detail("transition", d.transition().wireName()).detail("attempts", d.attempts()).detail("error", error));
            return true;
        }));
        if (recorded) {
            count(d, "failed");
            log.error("alert delivery given up delivery={} receiver={} alert={} attempts={} error={}", d.id(), d.receiver(), d.alertId(),
                    d.attempts(), error);
        }
    }

    /** base × 2^(attempt−1), at most maxDelay. */
    Duration backoff(int attempt) {
        Duration delay = settings.baseDelay();
        for (int i = 1; i < attempt && delay.compareTo(settings.maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /** Deletes sent and failed rows older than {@code keep-finished} (bounded per call). */
    public int purgeFinished() {
        return deliveries.purgeFinished(clock.millis() - settings.keepFinished().toMillis(), 1000);
    }

    private void count(JdbcAlertDeliveries.PendingDelivery d, String outcome) {
        Counter.builder("benteng.alert.deliveries").description("Alert notices by receiver, transition and outcome")
                .tag("receiver", d.receiver()).tag("transition", d.transition().wireName()).tag("outcome", outcome)
                .register(meters).increment();
    }
}
