package my.benteng.tracing.internal;

import my.benteng.account.CitizenId;
import my.benteng.account.Citizens;
import my.benteng.account.Contact;
import my.benteng.account.ContactChannel;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Recipient;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns the exposures a tracing run recorded into contact notifications, after the run committed: in batches, each
 * batch one transaction that enqueues the outbox messages and marks the exposures handled together, so every
 * exposure leads to exactly one message or to none (the citizen was notified for another case within the contact risk
 * period, has no account any more, or the exposure was withdrawn by a correction before its turn). Woken after every
 * run that added contacts and every {@code notify-interval} (runs on other nodes, a crash between commit and wake-up).
 */
@Component
public class ContactNotifier {

    private static final Logger log = LoggerFactory.getLogger(ContactNotifier.class);

    private final JdbcTracing tracing;
    private final Citizens citizens;
    private final Messaging messaging;
    private final AuditLog audit;
    private final TracingProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    ContactNotifier(JdbcTracing tracing, Citizens citizens, Messaging messaging, AuditLog audit, TracingProperties properties, Clock clock,
                    PlatformTransactionManager transactions) {
        this.tracing = tracing;
        this.citizens = citizens;
        this.messaging = messaging;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Notifies one batch of contacts; returns how many exposures it handled (0: nothing was due). Tests call this
     * directly; the background notifier calls it until a batch comes back short.
     */
    public int notifyDue() {
        Integer handled = transaction.execute(s -> {
            List<JdbcTracing.Pending> batch = tracing.claimPending(properties.notifyBatchSize());
            if (batch.isEmpty()) {
                return 0;
            }
            Instant now = Instant.ofEpochMilli(clock.millis());
            Instant recently = now.atOffset(ZoneOffset.UTC).minus(properties.contactRiskPeriod()).toInstant();
            Set<String> done = new HashSet<>(tracing.notifiedSince(batch.stream().map(JdbcTracing.Pending::citizenId).toList(), recently));
            int sent = 0;
            for (JdbcTracing.Pending p : batch) {
                if (done.add(p.citizenId()) && notify(p.citizenId())) { // once per citizen, also within the batch
                    sent++;
                }
            }
            tracing.markNotified(batch, now); // handled: by this message or by an earlier one
            audit.record(AuditEvent.named("contacts_notified").subject("tracing").reason("tracing.contacts.notified")
                    .detail("exposures", Integer.toString(batch.size())).detail("messages", Integer.toString(sent)));
            return batch.size();
        });
        return handled == null ? 0 : handled;
    }

    /** Fixed template, no parameters: no health detail and no premises name ever reaches the phone. */
    private boolean notify(String citizenId) {
        Optional<Contact> contact = citizens.contactOf(new CitizenId(citizenId));
        if (contact.isEmpty()) {
            return false; // account gone
        }
        Contact c = contact.get();
        Recipient recipient = c.channel() == ContactChannel.SMS ? Recipient.of(c.phone()) : Recipient.of(c.email());
        messaging.enqueue(Template.CONTACT_NOTIFICATION, recipient, TemplateParameters.none());
        return true;
    }

    /** Wakes the background notifier (after a run committed new exposures); does nothing when it is off. */
    void nudge() {
        if (properties.notifyInBackground()) {
            again.set(true);
            if (draining.compareAndSet(false, true)) {
                Thread.ofVirtual().name("tracing-notifier").start(this::drain);
            }
        }
    }

    @Scheduled(fixedDelayString = "${benteng.tracing.notify-interval:PT5S}", initialDelayString = "${benteng.tracing.notify-interval:PT5S}")
    void poll() {
        nudge();
    }

    /** One drainer at a time per node; a nudge that arrives while it runs makes it look once more before it ends. */
    private void drain() {
        try {
            do {
                again.set(false);
                while (notifyDue() >= properties.notifyBatchSize()) {
                    // a full batch: more may be due
                }
            } while (again.get());
        } catch (RuntimeException e) {
            log.error("contact notification round failed; the next poll retries", e);
        } finally {
            draining.set(false);
        }
    }
}
