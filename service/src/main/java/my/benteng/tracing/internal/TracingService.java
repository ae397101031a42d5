package my.benteng.tracing.internal;

import my.benteng.platform.RandomIds;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.Citizen;
import my.benteng.account.Citizens;
import my.benteng.account.CitizenId;
import my.benteng.account.Contact;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.checkin.Visit;
import my.benteng.checkin.Visits;
import my.benteng.platform.ApiProblem;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.PhoneNumber;
import my.benteng.premises.MalaysianState;
import my.benteng.premises.PremisesDirectory;
import my.benteng.premises.PremisesId;
import my.benteng.premises.PremisesSummary;
import my.benteng.tracing.RiskStatus;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Cases, casual contacts, risk status and hotspots.
 *
 * <p>A contact is someone else whose stay at a premises overlaps the case's stay there, both clipped to the
 * infectious period and the case's stay widened by {@code buffer} on each side. A stay runs from check-in to
 * check-out, or {@code assumedStay} without a check-out, never longer than {@code longestStay}. Overlap is strict:
 * stays that only touch (one ends the instant the other begins) are not contacts.
 *
 * <p>A run of a case is idempotent: the contacts are recomputed from the check-ins, stored exposures are
 * deactivated and re-activated (never deleted), and the {@link ContactNotifier} notifies only for an exposure that has
 * had no notification yet; a citizen already notified within the contact risk period (for any case) is not notified
 * again.
 */
@Service
public class TracingService {

    private final Visits visits;
    private final Citizens citizens;
    private final PremisesDirectory premises;
    private final ContactNotifier notifier;
    private final JdbcTracing tracing;
    private final TracingProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate transaction;

    TracingService(Visits visits, Citizens citizens, PremisesDirectory premises, ContactNotifier notifier, JdbcTracing tracing,
                   TracingProperties properties, AuditLog audit, Clock clock, SecureRandom random, PlatformTransactionManager transactions) {
        this.visits = visits;
        this.citizens = citizens;
        this.premises = premises;
        this.notifier = notifier;
        this.tracing = tracing;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * The outcome of a tracing run. {@code created} is true for a newly recorded case; {@code notified} counts the
     * contacts this run added, each of whom the {@link ContactNotifier} notifies once, shortly after the run commits
     * (unless they were notified for another case within the contact risk period).
     */
    public record Traced(String caseId, String citizenId, Instant infectiousFrom, Instant infectiousTo, int version,
                         int caseVisits, int contacts, int notified, boolean created) {
    }

    /**
     * Records a case for the citizen named by id or phone and traces it. The same citizen with the same period
     * again re-runs the existing case (idempotent); an overlapping different period is refused with {@code case-exists}
     * (correct the existing case instead).
     */
    public Traced record(AccountPrincipal officer, String rawCitizenId, String rawPhone, String rawFrom, String rawTo) {
        Instant from = instant("infectiousFrom", rawFrom);
        Instant to = instant("infectiousTo", rawTo);
        checkPeriod(from, to);
        Citizen citizen = resolve(rawCitizenId, rawPhone);
        for (JdbcTracing.CaseRow existing : tracing.casesOf(citizen.id().value())) {
            if (existing.infectiousFrom().equals(from) && existing.infectiousTo().equals(to)) {
                return run(officer, existing, from, to);
            }
            if (existing.infectiousFrom().isBefore(to) && existing.infectiousTo().isAfter(from)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "case-exists", "Case exists",
                        "This citizen already has a case with an overlapping infectious period; correct that case instead.",
                        null, Map.of("caseId", existing.id()));
            }
        }
        JdbcTracing.CaseRow row = new JdbcTracing.CaseRow(uuid(), citizen.id().value(), from, to, 1);
        Contacts found = contacts(row.citizenId(), from, to);
        Instant now = Instant.ofEpochMilli(clock.millis());
        // one transaction: the case, where the case was, every contact's exposure and both audit events -- the audit
        // events last, because appending locks the audit chain's head until the commit (PostgreSQL)
        int queued = transaction.execute(s -> {
            tracing.insertCase(row, officer.getName(), now);
            tracing.replaceCaseVisits(row.id(), found.visited());
            tracing.upsertExposures(row.id(), found.exposures(), this::riskUntil);
            audit.record(AuditEvent.named("case_recorded").actor(officer.getName()).subject("citizen:" + row.citizenId())
                    .reason("tracing.case.recorded").detail("case", row.id()));
            return finish(officer, row.id(), row.citizenId(), found, found.exposures().size(), true);
        });
        return new Traced(row.id(), row.citizenId(), from, to, 1, found.visited().size(), found.exposures().size(), queued, true);
    }

    /** Changes a case's infectious period and recomputes its contacts; people already notified are not notified again. */
    public Traced correct(AccountPrincipal officer, String caseId, String rawFrom, String rawTo) {
        JdbcTracing.CaseRow existing = find(caseId);
        Instant from = instant("infectiousFrom", rawFrom);
        Instant to = instant("infectiousTo", rawTo);
        checkPeriod(from, to);
        return run(officer, existing, from, to);
    }

    /** Runs the tracing of a case again with its current period (new check-ins, e.g. late check-outs, are picked up). */
    public Traced retrace(AccountPrincipal officer, String caseId) {
        JdbcTracing.CaseRow existing = find(caseId);
        return run(officer, existing, existing.infectiousFrom(), existing.infectiousTo());
    }

    /** Where the case was (clipped to the period) and who overlapped them there, with the earliest instant of overlap. */
    private record Contacts(List<JdbcTracing.CaseVisit> visited, Map<String, Instant> exposures) {
    }

    /*
     * What "one case in <= 10 ms" (issue 4) covers, and what it does not: finding the contacts (two statements: the
     * case's visits, then one set-based search over all of its premises windows) and durably recording the case, its
     * visits and every contact's exposure (multi-row upserts, one commit) -- from then on each contact's risk status is
     * CASUAL_CONTACT. Notifying them is the ContactNotifier's job after the commit: it turns unhandled exposures into
     * outbox messages in batches, exactly once each, and the outbox's dispatcher sends them. A mall case's thousands of
     * messages therefore never sit in the officer's request or in its transaction.
     */
    private Contacts contacts(String citizenId, Instant from, Instant to) {
        List<JdbcTracing.CaseVisit> visited = new ArrayList<>();
        List<Visits.Window> windows = new ArrayList<>();
        for (Visit v : visits.ofCitizen(citizenId, from, to, properties.assumedStay(), properties.longestStay())) {
            Instant start = max(v.checkedInAt(), from);
            Instant end = min(v.end(properties.assumedStay(), properties.longestStay()), to);
            if (!end.isAfter(start)) {
                continue;
            }
            visited.add(new JdbcTracing.CaseVisit(v.checkinId(), v.premisesId(), start));
            windows.add(new Visits.Window(v.premisesId(), start.minus(properties.buffer()), end.plus(properties.buffer())));
        }
        return new Contacts(visited, visits.contacts(windows, citizenId, properties.assumedStay(), properties.longestStay()));
    }

    private Traced run(AccountPrincipal officer, JdbcTracing.CaseRow row, Instant from, Instant to) {
        Contacts found = contacts(row.citizenId(), from, to);
        Instant now = Instant.ofEpochMilli(clock.millis());
        int[] version = {0};
        int queued = transaction.execute(s -> {
            tracing.beginRun(row.id(), from, to, now); // takes the case's row lock: runs of one case write one after the other
            tracing.replaceCaseVisits(row.id(), found.visited());
            int before = tracing.exposureCount(row.id());
            tracing.deactivateExposures(row.id());
            tracing.upsertExposures(row.id(), found.exposures(), this::riskUntil);
            int added = tracing.exposureCount(row.id()) - before;
            version[0] = tracing.findCase(row.id()).orElseThrow().version();
            return finish(officer, row.id(), row.citizenId(), found, added, false);
        });
        return new Traced(row.id(), row.citizenId(), from, to, version[0], found.visited().size(), found.exposures().size(), queued, false);
    }

    /** The run's audit event (in its transaction) and, once that commits, a nudge to the notifier; returns {@code added}. */
    private int finish(AccountPrincipal officer, String caseId, String citizenId, Contacts found, int added, boolean created) {
        audit.record(AuditEvent.named(created ? "case_traced" : "case_retraced").actor(officer.getName())
                .subject("citizen:" + citizenId).reason("tracing.case.traced").detail("case", caseId)
                .detail("contacts", Integer.toString(found.exposures().size())).detail("queued", Integer.toString(added)));
        if (added > 0) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    notifier.nudge();
                }
            });
        }
        return added;
    }

    /** The caller's risk status. */
    public Status status(AccountPrincipal caller) {
        if (caller == null || caller.kind() != AccountKind.CITIZEN) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", "Only citizens have a risk status.");
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        return tracing.riskUntil(caller.id()).filter(now::isBefore)
                .map(until -> new Status(RiskStatus.CASUAL_CONTACT, until))
                .orElse(new Status(RiskStatus.LOW_RISK, null));
    }

    /** A risk status and, for a contact, until when it lasts. */
    public record Status(RiskStatus status, Instant until) {
    }

    /** One hotspot: a premises and how many distinct cases visited it in the window. */
    public record Hotspot(PremisesSummary premises, int cases) {
    }

    /** Premises with at least the minimum number of cases in the hotspot window, optionally in one state. */
    public List<Hotspot> hotspots(String rawState) {
        MalaysianState state = rawState == null || rawState.isEmpty() ? null : MalaysianState.parse(rawState);
        Instant since = Instant.ofEpochMilli(clock.millis()).atOffset(ZoneOffset.UTC).minus(properties.hotspotWindow()).toInstant();
        Map<PremisesId, Integer> counts = tracing.hotspots(since, properties.hotspotMinimumCases());
        Map<PremisesId, PremisesSummary> summaries = premises.summaries(counts.keySet());
        List<Hotspot> result = new ArrayList<>();
        counts.forEach((id, n) -> {
            PremisesSummary s = summaries.get(id);
            if (s != null && (state == null || s.state() == state)) {
                result.add(new Hotspot(s, n));
            }
        });
        return result;
    }

    public TracingProperties properties() {
        return properties;
    }

    private Instant riskUntil(Instant exposedAt) {
        return exposedAt.atOffset(ZoneOffset.UTC).plus(properties.contactRiskPeriod()).toInstant();
    }

    private JdbcTracing.CaseRow find(String caseId) {
        if (caseId == null || !caseId.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
            throw caseNotFound();
        }
        return tracing.findCase(caseId).orElseThrow(TracingService::caseNotFound);
    }

    private Citizen resolve(String rawCitizenId, String rawPhone) {
        if ((rawCitizenId == null) == (rawPhone == null)) {
            throw new InvalidValueException("citizen", "give exactly one of citizenId and phone");
        }
        Optional<Citizen> citizen;
        if (rawCitizenId != null) {
            if (rawCitizenId.length() != 36 || !rawCitizenId.matches("[0-9a-f-]{36}")) {
                throw new InvalidValueException("citizenId", "must be a citizen id");
            }
            citizen = citizens.find(new CitizenId(rawCitizenId));
        } else {
            citizen = citizens.findByContact(Contact.of(PhoneNumber.parse(rawPhone)));
        }
        return citizen.orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "citizen-not-found", "Citizen not found",
                "No citizen account matches."));
    }

    private void checkPeriod(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new InvalidValueException("infectiousTo", "must be after infectiousFrom");
        }
        if (to.isAfter(from.atOffset(ZoneOffset.UTC).plus(properties.longestInfectiousPeriod()).toInstant())) {
            throw new InvalidValueException("infectiousTo", "the period may be at most " + properties.longestInfectiousPeriod());
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        if (from.isAfter(now)) {
            throw new InvalidValueException("infectiousFrom", "must not be in the future");
        }
    }

    private static Instant instant(String field, String raw) {
        if (raw == null || raw.length() > 40) {
            throw new InvalidValueException(field, "must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
        }
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException(field, "must be an ISO-8601 instant such as 2026-11-20T00:00:00Z");
        }
    }

    static ApiProblem caseNotFound() {
        return new ApiProblem(HttpStatus.NOT_FOUND, "case-not-found", "Case not found", "No such case.");
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private String uuid() {
        return RandomIds.uuid(random);
    }
}
