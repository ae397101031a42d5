package my.benteng.messaging.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.audit.AuditOutcome;
import my.benteng.messaging.DeliveryStatus;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import my.benteng.platform.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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
 * exclusive until its lease runs out, and every attempt carries the outbox id as the provider's reference.
 * A dispatcher that dies between sending and recording leaves its message SENDING; when the lease runs out,
 * the next claim resends it under the same reference if its template is at least once, and otherwise ends
 * it UNCERTAIN, never sent again (see {@link UncertainDeliveryPolicy}). A provider that takes a request and
 * never answers is treated the same way.
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
    private final UncertainDeliveryPolicy uncertainDelivery;
    /** When this node last read each channel's forecast. */
    private final Map<Channel, Long> forecastReadAt = new java.util.concurrent.ConcurrentHashMap<>();

    /** A dispatcher that treats no gateway as deduplicating by reference (tools and tests). */
    OutboxDispatcher(OutboxRepository outbox, SuppressionList suppression, SpendMeter spend, Map<Channel, MessageSender> senders,
                     TransactionTemplate tx, AuditLog audit, MeterRegistry meters, Clock clock,
                     MessagingProperties.Dispatcher settings) {
        this(outbox, suppression, spend, senders, tx, audit, meters, clock, settings, new UncertainDeliveryPolicy(false));
    }

    OutboxDispatcher(OutboxRepository outbox, SuppressionList suppression, SpendMeter spend, Map<Channel, MessageSender> senders,
                     TransactionTemplate tx, AuditLog audit, MeterRegistry meters, Clock clock,
                     MessagingProperties.Dispatcher settings, UncertainDeliveryPolicy uncertainDelivery) {
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
        this.uncertainDelivery = uncertainDelivery;
    }

    /** A dispatcher with other channel adapters and the same tables, e.g. for tools that point at a stub provider. */
    OutboxDispatcher withSenders(Map<Channel, MessageSender> other) {
        return new OutboxDispatcher(outbox, suppression, spend, other, tx, audit, meters, clock, settings, uncertainDelivery);
    }

    /** As this dispatcher, deciding expired leases by {@code policy} (e.g. for a gateway that deduplicates). */
    OutboxDispatcher withUncertainDeliveryPolicy(UncertainDeliveryPolicy policy) {
        return new OutboxDispatcher(outbox, suppression, spend, senders, tx, audit, meters, clock, settings, policy);
    }

    /**
     * One claim round: the messages to send, and how many rows were claimed in all (including those that ended
     * UNCERTAIN at once), so that a caller can tell a full batch.
     */
    record Claim(List<OutboxMessage> send, int claimed) {
    }

    /**
     * Claims one batch of due messages and delivers it.
     *
     * @return how many messages were claimed (a full batch means more may be waiting)
     */
    public int dispatchDue() {
        // the claim must commit before anything is sent: it is the durable record that an attempt started, and
        // inside a caller's transaction a crash after sending would roll it back and the message would go out again
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the outbox dispatcher must run outside a transaction");
        }
        Claim claim = claim();
        List<OutboxMessage> admitted = admit(claim.send());
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
        return claim.claimed();
    }

    /**
     * Claims a batch in one transaction. A message taken over from a claim whose lease ran out, and that the
     * {@link UncertainDeliveryPolicy} does not allow to resend, ends UNCERTAIN in that same transaction (with its
     * audit event), so it is settled exactly once however many dispatchers race for it.
     */
    Claim claim() {
        long now = clock.millis();
        List<OutboxMessage> uncertain = new ArrayList<>();
        Claim claim = tx.execute(s -> {
            uncertain.clear();
            List<OutboxMessage> claimed = outbox.claim(now, now + settings.lease().toMillis(), settings.batchSize());
            List<OutboxMessage> send = new ArrayList<>(claimed.size());
            for (OutboxMessage m : claimed) {
                UncertainDeliveryPolicy.Verdict verdict = m.takenOver()
                        ? uncertainDelivery.decide(m.template(), m.channel(), m.charged()) : null;
                if (verdict == null || verdict.resend()) {
                    if (verdict != null) {
                        log.info("lease ran out, sending again reference={} reason={}", m.id(), verdict.reason());
                    }
                    send.add(m);
                } else if (settleUncertain(m, verdict, "lease_expired", m.attempts() - 1, now)) { // this claim sends nothing
                    uncertain.add(m);
                }
            }
            return new Claim(send, claimed.size());
        });
        for (OutboxMessage m : uncertain) {
            count(m, "uncertain");
            log.warn("delivery uncertain, not sent again reference={} to={} template={}", m.id(), m.recipientMasked(), m.template());
        }
        return claim == null ? new Claim(List.of(), 0) : claim;
    }

    /** Ends a message UNCERTAIN: it stays in the spend, since the provider may have taken (and billed) it. */
    private boolean settleUncertain(OutboxMessage m, UncertainDeliveryPolicy.Verdict verdict, String error, int attemptsSent, long now) {
        if (!outbox.finish(m, DeliveryStatus.UNCERTAIN, error, now)) {
            return false;
        }
        audit.record(AuditEvent.named("messaging_delivery_uncertain").outcome(AuditOutcome.FAILURE).subject(m.recipientMasked())
                .reason("messaging.delivery.uncertain").detail("reference", m.id()).detail("template", m.template())
                .detail("channel", m.channel()).detail("semantics", verdict.reason()).detail("error", error)
                .detail("attempts", attemptsSent));
        return true;
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
        if (!m.template().securityCritical() && suppression.isSuppressed(hashOf(m), m.channel(), m.recipient())) {
            return outbox.finish(m, DeliveryStatus.SUPPRESSED, "suppressed", clock.millis()) ? "suppressed" : "lost";
        }
        if (!outbox.markCharged(m)) {
            return "lost";
        }
        SpendMeter.Charge charge = spend.charge(m.channel(), m.region());
        if (charge.charged()) {
            watchBurnRate(m.channel());
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

    /**
     * Raises the burn-rate alert once a day per channel when, at the rate of the last hour, the daily cap would be hit
     * before the day ends — while there is still budget to act on (an operator can raise the cap, block ranges or set
     * the pumping floor). Read at most once a minute per channel: a forecast needs no more.
     */
    private void watchBurnRate(Channel channel) {
        long now = clock.millis();
        Long last = forecastReadAt.get(channel);
        if (last != null && now - last < 60_000 && now >= last) {
            return;
        }
        forecastReadAt.put(channel, now);
        SpendMeter.Forecast f = spend.forecast(channel);
        // below a tenth of the cap a morning's first burst says nothing yet about the day
        if (f.capAt().isEmpty() || f.spentMicros() < f.dailyCapMicros() / 10 || !spend.firstForecastAlert(channel, f.day())) {
            return;
        }
        String at = spend.localTime(f.capAt().get());
        log.error("messaging spend burn rate channel={}: at this rate the daily cap is hit at {} ({} % spent)", channel, at,
                f.spentMicros() * 100 / Math.max(1, f.dailyCapMicros()));
        audit.record(AuditEvent.named("messaging_spend_forecast_over_cap").outcome(AuditOutcome.SUCCESS)
                .reason("messaging." + channel.name().toLowerCase(java.util.Locale.ROOT) + ".burn_rate").attack("T1496")
                .detail("channel", channel).detail("period", f.day()).detail("cap_at", at)
                .detail("spent_percent", f.spentMicros() * 100 / Math.max(1, f.dailyCapMicros()))
                .detail("per_hour_percent", f.perHourMicros() * 100 / Math.max(1, f.dailyCapMicros())));
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
            case SendResult.Uncertain u when uncertainDelivery.decide(m.template(), m.channel(), true).resend() ->
                    record(m, new SendResult.Retry(u.code()));
            case SendResult.Uncertain u -> {
                UncertainDeliveryPolicy.Verdict verdict = uncertainDelivery.decide(m.template(), m.channel(), true);
                if (Boolean.TRUE.equals(tx.execute(s -> settleUncertain(m, verdict, u.code(), m.attempts(), now)))) {
                    count(m, "uncertain");
                    log.warn("delivery uncertain, not sent again reference={} to={} template={} error={}", m.id(), m.recipientMasked(),
                            m.template(), u.code());
                }
            }
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
