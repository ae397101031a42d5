package my.benteng.tracing.internal;

import my.benteng.account.Citizen;
import my.benteng.account.CitizenId;
import my.benteng.account.Citizens;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.checkin.Visits;
import my.benteng.messaging.Messaging;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds and notifies the casual contacts of each tracing run, after the run committed. A run leaves its case with a
 * notification round due; a round claims the case (a lease, so that two nodes do not work one case at once), finds the
 * contacts from the case's windows (one set-based search over the check-ins), and notifies them in batches: each batch
 * one transaction that claims the citizens' notices (an atomic upsert: never notified, or not within the contact risk
 * period) and enqueues the outbox messages together. So every contact gets exactly one message or none (notified for
 * another case or an earlier run of this one within the risk period, or no account any more), even with several nodes,
 * and a round cut short by a crash is finished by the next one after the lease. Woken after every run and every
 * {@code notify-interval} (runs on other nodes, crashes).
 */
@Component
public class ContactNotifier {

    private static final Logger log = LoggerFactory.getLogger(ContactNotifier.class);

    private final JdbcTracing tracing;
    private final CaseWindows windows;
    private final Visits visits;
    private final Citizens citizens;
    private final Messaging messaging;
    private final AuditLog audit;
    private final TracingProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    ContactNotifier(JdbcTracing tracing, CaseWindows windows, Visits visits, Citizens citizens, Messaging messaging, AuditLog audit,
                    TracingProperties properties, Clock clock, PlatformTransactionManager transactions) {
        this.tracing = tracing;
        this.windows = windows;
        this.visits = visits;
        this.citizens = citizens;
        this.messaging = messaging;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A notifier like this one with other settings (tests: small batches, a short lease); it does not run in the background. */
    ContactNotifier with(TracingProperties other) {
        return new ContactNotifier(tracing, windows, visits, citizens, messaging, audit, other, clock, transaction.getTransactionManager());
    }

    /**
     * Runs the notification round of one case that is due, if any; returns how many rounds it ran (0 or 1). Tests call
     * this directly; the background notifier calls it until nothing is due.
     */
    public int notifyDue() {
        Instant now = Instant.ofEpochMilli(clock.millis());
        List<JdbcTracing.CaseRow> claimed = transaction.execute(s -> tracing.claimDue(1, now, now.plus(properties.notifyLease())));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        round(claimed.getFirst());
        return 1;
    }

    private void round(JdbcTracing.CaseRow c) {
        List<JdbcTracing.CaseWindow> where;
        if (c.windowsAt() == null) { // recorded before windows existed: find where it was first
            List<JdbcTracing.CaseWindow> computed = windows.of(c.id(), c.citizenId(), c.infectiousFrom(), c.infectiousTo());
            transaction.executeWithoutResult(s -> {
                tracing.replaceWindows(c.id(), computed);
                tracing.markWindowsComputed(c.id(), Instant.ofEpochMilli(clock.millis()));
            });
            where = computed;
        } else {
            where = tracing.windowsOf(c.id());
        }
        List<String> contacts = new ArrayList<>(visits.contacts(CaseWindows.forSearch(where), c.citizenId(), properties.assumedStay(),
                properties.longestStay()).keySet());
        java.util.Collections.sort(contacts); // a stable order: two rounds of overlapping cases claim notices in the same order
        int sent = 0;
        for (int i = 0; i < contacts.size(); i += properties.notifyBatchSize()) {
            List<String> batch = contacts.subList(i, Math.min(contacts.size(), i + properties.notifyBatchSize()));
            Integer n = transaction.execute(s -> notifyBatch(c.id(), batch));
            sent += n == null ? 0 : n;
        }
        int messages = sent;
        transaction.executeWithoutResult(s -> {
            tracing.finishRound(c.id(), c.run(), contacts.size());
            audit.record(AuditEvent.named("contacts_notified").subject("tracing").reason("tracing.contacts.notified")
                    .detail("case", c.id()).detail("contacts", Integer.toString(contacts.size())).detail("messages", Integer.toString(messages)));
        });
    }

    /** One transaction: claims the notices of those not notified within the risk period and enqueues their messages. */
    private int notifyBatch(String caseId, List<String> contacts) {
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant recently = now.atOffset(ZoneOffset.UTC).minus(properties.contactRiskPeriod()).toInstant();
        List<String> claimed = tracing.claimNotices(contacts, now, recently);
        Map<CitizenId, Citizen> accounts = citizens.findAll(claimed.stream().map(CitizenId::new).toList());
        int sent = 0;
        for (Citizen citizen : accounts.values()) { // a contact without an account any more is claimed but gets nothing
            // fixed template, no parameters: no health detail and no premises name ever reaches the phone
            messaging.enqueue(Template.CONTACT_NOTIFICATION, citizen.contact(), TemplateParameters.none());
            sent++;
        }
        tracing.addNotified(caseId, sent);
        return sent;
    }

    /** Wakes the background notifier (after a run committed); does nothing when it is off. */
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
                while (notifyDue() > 0) {
                    // one case per round; more may be due
                }
            } while (again.get());
        } catch (RuntimeException e) {
            log.error("contact notification round failed; the next poll retries (the lease frees the case)", e);
        } finally {
            draining.set(false);
        }
    }
}
