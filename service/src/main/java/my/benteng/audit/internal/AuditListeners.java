package my.benteng.audit.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import my.benteng.audit.AuditAppended;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditListener;
import my.benteng.audit.AuditVerification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the {@link AuditListener}s about appended entries once their transaction has committed: one synchronization
 * per transaction collects that transaction's entries, so a batch of a thousand costs one list, not a thousand
 * callbacks. Listeners are looked up once every singleton exists, not injected: a listener may itself depend on the
 * audit log, and a lookup from inside an append during start-up could meet a listener still being created. Entries
 * appended before that (start-up work) reach no listener.
 */
@Component
class AuditListeners implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(AuditListeners.class);

    private final ObjectProvider<AuditListener> provider;
    private final Counter failures;
    private volatile List<AuditListener> listeners;

    AuditListeners(ObjectProvider<AuditListener> provider, MeterRegistry meters) {
        this.provider = provider;
        this.failures = meters == null ? null
                : Counter.builder("benteng.audit.listener.failures").description("Audit listeners that threw").register(meters);
        this.listeners = List.of();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (provider != null) {
            listeners = provider.orderedStream().toList();
        }
    }

    /** No listeners: for appenders built by hand (tools, tests). */
    static AuditListeners none() {
        return new AuditListeners(null, null);
    }

    private List<AuditListener> listeners() {
        return listeners;
    }

    /** Called by the appender inside its transaction, under the head lock: only remembers the entry. */
    void appended(long seq, long recordedAt, AuditEvent event) {
        if (listeners().isEmpty()) {
            return;
        }
        AuditAppended entry = new AuditAppended(seq, Instant.ofEpochMilli(recordedAt), event);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            deliver(List.of(entry));
            return;
        }
        // the synchronizations of the current transaction only (a suspended outer one keeps its own)
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Pending pending && pending.owner == this) {
                pending.entries.add(entry);
                return;
            }
        }
        Pending pending = new Pending(this);
        pending.entries.add(entry);
        TransactionSynchronizationManager.registerSynchronization(pending);
    }

    void verified(AuditVerification verification, Instant at) {
        for (AuditListener listener : listeners()) {
            try {
                listener.verified(verification, at);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    private void deliver(List<AuditAppended> entries) {
        for (AuditListener listener : listeners()) {
            try {
                listener.appended(entries);
            } catch (RuntimeException e) {
                failed(listener, e);
            }
        }
    }

    private void failed(AuditListener listener, RuntimeException e) {
        if (failures != null) {
            failures.increment();
        }
        // the class only: a listener's message could carry what it was given
        log.error("audit listener {} failed: {}", listener.getClass().getName(), e.getClass().getName());
    }

    private static final class Pending implements TransactionSynchronization {
        private final AuditListeners owner;
        private final List<AuditAppended> entries = new ArrayList<>(2);

        Pending(AuditListeners owner) {
            this.owner = owner;
        }

        @Override
        public void afterCommit() {
            owner.deliver(List.copyOf(entries));
        }
    }
}
