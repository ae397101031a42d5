package my.benteng.tracing.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Period;

/**
 * Settings of the tracing module ({@code benteng.tracing.*}).
 *
 * @param buffer                 a contact's stay counts if it overlaps the case's stay widened by this on both sides
 * @param assumedStay            how long a visit without a check-out is taken to last
 * @param longestStay            a stay is never taken to last longer than this (forgotten check-outs); also bounds
 *                               how far back the index scan for a window starts
 * @param contactRiskPeriod      a casual contact is {@code CASUAL_CONTACT} until this long after their exposure
 * @param longestInfectiousPeriod the longest infectious period a case may be recorded with
 * @param hotspotWindow          hotspots count cases whose visits fall within this period before now
 * @param hotspotMinimumCases    a premises appears in the hotspots only from this many cases (small counts identify people)
 * @param retention              exposures and case visits older than this, and cases whose infectious period ended longer
 *                               ago, are deleted (default: the check-ins' 90 days; at least the contact risk period)
 * @param purgeBatchSize         rows deleted per statement by the retention job (short transactions: SQLite has one writer)
 * @param notifyBatchSize        contacts notified per transaction by the contact notifier
 * @param notifyInterval         how often the contact notifier looks for contacts still to notify (it is also woken
 *                               after every tracing run); covers runs on other nodes and crashes
 * @param notifyInBackground     whether this node runs the contact notifier (tests drive it themselves)
 * @param notifyLease            how long a node may work one case's notification round before another node may take it
 *                               over (a node that died mid-round); a mall case's round takes seconds
 */
@ConfigurationProperties("benteng.tracing")
public record TracingProperties(
        @DefaultValue("PT15M") Duration buffer,
        @DefaultValue("PT1H") Duration assumedStay,
        @DefaultValue("PT12H") Duration longestStay,
        @DefaultValue("P10D") Period contactRiskPeriod,
        @DefaultValue("P28D") Period longestInfectiousPeriod,
        @DefaultValue("P14D") Period hotspotWindow,
        @DefaultValue("5") int hotspotMinimumCases,
        @DefaultValue("P90D") Period retention,
        @DefaultValue("5000") int purgeBatchSize,
        @DefaultValue("500") int notifyBatchSize,
        @DefaultValue("PT5S") Duration notifyInterval,
        @DefaultValue("true") boolean notifyInBackground,
        @DefaultValue("PT2M") Duration notifyLease) {

    public TracingProperties {
        if (buffer.isNegative() || assumedStay.isNegative() || assumedStay.isZero() || longestStay.compareTo(assumedStay) < 0) {
            throw new IllegalArgumentException("benteng.tracing: need buffer >= 0 and 0 < assumed-stay <= longest-stay");
        }
        if (contactRiskPeriod.isNegative() || contactRiskPeriod.isZero() || longestInfectiousPeriod.isNegative()
                || longestInfectiousPeriod.isZero() || hotspotWindow.isNegative() || hotspotWindow.isZero()) {
            throw new IllegalArgumentException("benteng.tracing: periods must be positive");
        }
        java.time.LocalDate reference = java.time.LocalDate.of(2000, 1, 1);
        if (retention.isNegative() || reference.plus(retention).isBefore(reference.plus(contactRiskPeriod))) {
            // an exposure deleted while it still makes someone a casual contact would silently end their risk status
            throw new IllegalArgumentException("benteng.tracing.retention must be at least the contact risk period");
        }
        if (purgeBatchSize < 1 || notifyBatchSize < 1 || notifyInterval.isNegative() || notifyInterval.isZero()
                || notifyLease.isNegative() || notifyLease.isZero()) {
            throw new IllegalArgumentException("benteng.tracing: batch sizes the notify interval and the lease must be positive");
        }
        if (hotspotMinimumCases < 2) {
            throw new IllegalArgumentException("benteng.tracing.hotspot-minimum-cases must be at least 2: one case is one person");
        }
    }
}
