package my.benteng.messaging.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.messaging.Channel;
import my.benteng.messaging.DeliveryStatus;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Claims due outbox messages, sends them in parallel (one virtual thread each) and records each result in
 * its own short transaction. Any number of dispatchers may run on any number of nodes: a claim is
 * exclusive until its lease runs out, and every attempt carries the outbox id as the provider's reference,
 * so a dispatcher that dies between sending and recording causes at most a resend the provider can
 * recognise, never a message with a new reference.
 */
public final class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxRepository outbox;
    private final SuppressionList suppression;
    private final SpendMeter spend;
    private final Map<Channel, MessageSender> senders;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final MeterRegistry meters;
    private final Clock clock;
    private final MessagingProperties.Dispatcher settings;

    OutboxDispatcher(OutboxRepository outbox, SuppressionList suppression, SpendMeter spend, Map<Channel, MessageSender> senders,
                     TransactionTemplate tx, AuditLog audit, MeterRegistry meters, Clock clock,
                     MessagingProperties.Dispatcher settings) {
        this.outbox = outbox;
        this.suppression = suppression;
        this.spend = spend;
        this.senders = new EnumMap<>(Channel.class);
        this.senders.putAll(senders);
        this.tx = tx;
        this.audit = audit;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
    }

    /** A dispatcher with other channel adapters and the same tables, e.g. for tools that point at a stub provider. */
    OutboxDispatcher withSenders(Map<Channel, MessageSender> other) {
        return new OutboxDispatcher(outbox, suppression, spend, other, tx, audit, meters, clock, settings);
    }

    /**
     * Claims one batch of due messages and delivers it.
     *
     * @return how many messages were claimed (a full batch means more may be waiting)
     */
    public int dispatchDue() {
        List<OutboxMessage> batch = claim();
        List<OutboxMessage> admitted = admit(batch);
        if (admitted.size() == 1) {
            deliver(admitted.getFirst());
        } else if (!admitted.isEmpty()) {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>(admitted.size());
                for (OutboxMessage m : admitted) {
                    running.add(threads.submit(() -> deliver(m)));
                }
                for (Future<?> f : running) {
                    try {
                        f.get();
                    } catch (Exception e) {
                        log.error("delivery task failed", e);
                    }
                }
            }
        }
        return batch.size();
    }

    List<OutboxMessage> claim() {
        long now = clock.millis();
        List<OutboxMessage> claimed = tx.execute(s -> outbox.claim(now, now + settings.lease().toMillis(), settings.batchSize()));
        return claimed == null ? List.of() : claimed;
    }

    /**
     * Before the first send of each message: the suppression list, then the spend caps, and the mark that the
     * message is paid for (so retries and resends after a crash are not charged again) — for the whole batch
     * in one transaction, so the two spend rows every message updates are locked once per batch, not once
     * per message.
     *
     * @return the messages to send
     */
    List<OutboxMessage> admit(List<OutboxMessage> batch) {
        if (batch.stream().allMatch(OutboxMessage::charged)) {
            return batch;
        }
        Map<UUID, String> refused = new HashMap<>();
        try {
            tx.executeWithoutResult(s -> {
                refused.clear();
                for (OutboxMessage m : batch) {
                    if (!m.charged()) {
                        String outcome = admit(m);
                        if (outcome != null) {
                            refused.put(m.id(), outcome);
                        }
                    }
                }
            });
        } catch (RuntimeException e) {
            // nothing was charged or sent; the leases run out and another round tries again
            log.error("admitting a batch of {} messages failed", batch.size(), e);
            return List.of();
        }
        List<OutboxMessage> admitted = new ArrayList<>(batch.size());
        for (OutboxMessage m : batch) {
            String outcome = refused.get(m.id());
            if (outcome == null) {
                admitted.add(m);
            } else if (!outcome.equals("lost")) {
                count(m, outcome);
            }
        }
        return admitted;
    }

    /** @return null to send, else suppressed, capped or lost (the claim was taken over) */
    private String admit(OutboxMessage m) {
        if (!m.template().securityCritical() && suppression.isSuppressed(hashOf(m))) {
            return outbox.finish(m, DeliveryStatus.SUPPRESSED, "suppressed", clock.millis()) ? "suppressed" : "lost";
        }
        if (!outbox.markCharged(m)) {
            return "lost";
        }
        SpendMeter.Charge charge = spend.charge(m.channel(), m.region());
        if (charge.charged()) {
            return null;
        }
        outbox.finish(m, DeliveryStatus.CAPPED, "spend_cap", clock.millis());
        if (spend.firstCapAlert(m.channel(), charge.cappedPeriod())) {
            log.error("messaging spend cap reached channel={} period={}: nothing more is sent on this channel until the period ends",
                    m.channel(), charge.cappedPeriod());
            audit.record(AuditEvent.named("messaging_spend_cap_reached").outcome(AuditOutcome.DENIED)
                    .reason("messaging." + m.channel().name().toLowerCase() + ".spend_cap").attack("T1496")
                    .detail("channel", m.channel()).detail("period", charge.cappedPeriod()));
        }
        return "capped";
    }

    void deliver(OutboxMessage m) {
        try {
            TemplateParameters parameters = ParameterCodec.decode(m.template(), m.parameters());
            OutboundMessage message = new OutboundMessage(m.id(), m.channel(), m.template(), m.language(), m.recipient(),
                    m.recipientMasked(), TemplateTexts.render(m.template(), m.language(), parameters));
            SendResult result;
            try {
                result = senders.get(m.channel()).send(message);
            } catch (RuntimeException e) {
                log.warn("sender threw reference={} error={}", m.id(), e.getClass().getSimpleName());
                result = new SendResult.Retry("exception");
            }
            record(m, result);
        } catch (RuntimeException e) {
            // the lease runs out and another round retries with the same reference
            log.error("delivery of reference={} failed before its result was recorded", m.id(), e);
        }
    }

    private String hashOf(OutboxMessage m) {
        return outbox.recipientHash(m.id());
    }

    private void record(OutboxMessage m, SendResult result) {
        long now = clock.millis();
        switch (result) {
            case SendResult.Accepted a -> {
                if (Boolean.TRUE.equals(tx.execute(s -> outbox.finish(m, DeliveryStatus.SENT, null, now)))) {
                    count(m, "sent");
                }
            }
            case SendResult.Retry r when m.attempts() < settings.maxAttempts() -> {
                long next = now + backoff(m.attempts()).toMillis();
                if (Boolean.TRUE.equals(tx.execute(s -> outbox.reschedule(m, next, r.code())))) {
                    count(m, "retried");
                    log.info("message will be retried reference={} attempt={} error={}", m.id(), m.attempts(), r.code());
                }
            }
            case SendResult.Retry r -> fail(m, r.code(), now);
            case SendResult.Rejected r -> fail(m, r.code(), now);
        }
    }

    private void fail(OutboxMessage m, String code, long now) {
        boolean recorded = Boolean.TRUE.equals(tx.execute(s -> {
            if (!outbox.finish(m, DeliveryStatus.FAILED, code, now)) {
                return false;
            }
            audit.record(AuditEvent.named("messaging_delivery_failed").outcome(AuditOutcome.FAILURE).subject(m.recipientMasked())
                    .reason("messaging.delivery." + code).detail("reference", m.id()).detail("template", m.template())
                    .detail("attempts", m.attempts()));
            return true;
        }));
        if (recorded) {
            count(m, "failed");
            log.warn("message given up reference={} to={} attempts={} error={}", m.id(), m.recipientMasked(), m.attempts(), code);
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

    private void count(OutboxMessage m, String outcome) {
        count(meters, m.channel(), m.template(), outcome);
    }

    static void count(MeterRegistry meters, Channel channel, Template template, String outcome) {
        Counter.builder("benteng.messages").description("Outbound messages by channel, template and outcome")
                .tag("channel", channel.name().toLowerCase()).tag("template", template.name().toLowerCase()).tag("outcome", outcome)
                .register(meters).increment();
    }
}
