package my.benteng.tracing.internal;

import java.time.Duration;

/** Test access to contact notifiers with other settings than the application's. */
public final class Notifiers {

    private Notifiers() {
    }

    /** A notifier like {@code configured} that notifies {@code batch} contacts per transaction and leases a case for {@code lease}. */
    public static ContactNotifier like(ContactNotifier configured, TracingProperties p, int batch, Duration lease) {
        return configured.with(new TracingProperties(p.buffer(), p.assumedStay(), p.longestStay(), p.contactRiskPeriod(),
                p.longestInfectiousPeriod(), p.hotspotWindow(), p.hotspotMinimumCases(), p.retention(), p.purgeBatchSize(), batch,
                p.notifyInterval(), false, lease));
    }
}
