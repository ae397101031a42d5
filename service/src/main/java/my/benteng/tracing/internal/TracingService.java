package my.benteng.tracing.internal;

import my.benteng.platform.Contact;
import my.benteng.platform.RandomIds;
import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.Citizen;
import my.benteng.account.Citizens;
import my.benteng.account.CitizenId;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.checkin.Visit;
import my.benteng.checkin.Visits;
import my.benteng.platform.InvalidValueException;
import my.benteng.platform.PhoneNumber;
import my.benteng.platform.RefusedException;
import my.benteng.premises.MalaysianState;
import my.benteng.premises.PremisesDirectory;
import my.benteng.premises.PremisesId;
import my.benteng.premises.PremisesSummary;
import my.benteng.tracing.RiskStatus;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cases, casual contacts, risk status and hotspots.
 *
 * <p>A contact is someone else whose stay at a premises overlaps the case's stay there, both clipped to the
 * infectious period and the case's stay widened by {@code buffer} on each side. A stay runs from check-in to
 * check-out, or {@code assumedStay} without a check-out, never longer than {@code longestStay}. Overlap is strict:
 * stays that only touch (one ends the instant the other begins) are not contacts.
 *
 * <p>Recording (or re-running, or correcting) a case stores only where the case was: one window per visit. From the
 * commit on, everybody whose own check-ins overlap a window is {@code CASUAL_CONTACT} -- their risk status is derived
 * on read from their check-ins and the windows, so a mall case costs the officer's request a handful of rows, not one
 * per contact. The {@link ContactNotifier} then finds the contacts of the run and notifies each once; a citizen
 * notified within the contact risk period (for any case) is not notified again, so re-runs and corrections never send
 * a second message.
 */
@Service
public class TracingService {

    /** The most cases one batch request may carry (a day's laboratory feed is sent in several). */
    public static final int MAX_BATCH = 1000;

    private final CaseWindows windows;
    private final Citizens citizens;
    private final Visits visits;
    private final PremisesDirectory premises;
    private final ContactNotifier notifier;
    private final JdbcTracing tracing;
    private final TracingProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate transaction;

    TracingService(CaseWindows windows, Citizens citizens, Visits visits, PremisesDirectory premises, ContactNotifier notifier,
                   JdbcTracing tracing, TracingProperties properties, AuditLog audit, Clock clock, SecureRandom random,
                   PlatformTransactionManager transactions) {
        this.windows = windows;
        this.citizens = citizens;
        this.visits = visits;
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
     * A case as the officer sees it. {@code created} is true for a newly recorded case. {@code tracing} is true while
     * the notification round of the latest run is still due; {@code contacts} is then null, afterwards the number of
     * casual contacts that round found. {@code notified} counts the messages sent for this case in all (a contact
     * notified for another case within the contact risk period gets none).
     */
    public record Traced(String caseId, String citizenId, Instant infectiousFrom, Instant infectiousTo, int version,
                         int caseVisits, boolean tracing, Integer contacts, int notified, boolean created) {
    }

    /** One case of a batch as given: exactly one of {@code citizenId} and {@code phone}; the period as ISO-8601 instants. */
    public record CaseInput(String citizenId, String phone, String infectiousFrom, String infectiousTo) {
        @Override
        public String toString() {
            return "CaseInput[redacted]";
        }
    }

    /**
     * The outcome of one case of a batch: recorded (or re-run), a field that broke its rule, no such citizen, or an
     * overlapping case of the citizen's (the last two are {@link TracingRefusal}s).
     */
    public sealed interface Outcome permits Outcome.Recorded, Outcome.Invalid, TracingRefusal.CitizenNotFound, TracingRefusal.CaseExists {

        /** The case, new or re-run. */
        record Recorded(Traced traced) implements Outcome {
        }

        /** A field of the case broke {@code rule}, as an {@link InvalidValueException} would say for a single case. */
        record Invalid(String field, String rule) implements Outcome {
        }
    }

    /**
     * Records a case for the citizen named by id or phone. The same citizen with the same period again re-runs the
     * existing case (idempotent); an overlapping different period is refused with {@link TracingRefusal.CaseExists}
     * (correct the existing case instead).
     */
    public Traced record(AccountPrincipal officer, String rawCitizenId, String rawPhone, String rawFrom, String rawTo) {
        Outcome outcome = recordAll(officer, List.of(new CaseInput(rawCitizenId, rawPhone, rawFrom, rawTo))).getFirst();
        return switch (outcome) {
            case Outcome.Recorded r -> r.traced();
            case Outcome.Invalid i -> throw new InvalidValueException(i.field(), i.rule());
            case TracingRefusal r -> throw new RefusedException(r);
        };
    }

    private record Parsed(int index, Instant from, Instant to, CitizenId citizenId, Contact phone) {
    }

    /**
     * Records many cases, each as {@link #record} would, answering each on its own (a refused case does not stop the
     * others). The new cases are written in ONE transaction: their rows, their windows and one audit event each, with
     * a few statements for the whole batch (citizens, their cases and their check-ins are read in bulk too). A case
     * that exists already with the same period is re-run on its own, like {@link #retrace}.
     */
    public List<Outcome> recordAll(AccountPrincipal officer, List<CaseInput> inputs) {
        if (inputs == null || inputs.isEmpty() || inputs.size() > MAX_BATCH) {
            throw new InvalidValueException("cases", "give 1 to " + MAX_BATCH + " cases");
        }
        Outcome[] outcomes = new Outcome[inputs.size()];
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                parsed.add(parse(i, inputs.get(i)));
            } catch (InvalidValueException invalid) {
                outcomes[i] = new Outcome.Invalid(invalid.field(), invalid.rule());
            }
        }
        Map<CitizenId, Citizen> byId = citizens.findAll(parsed.stream().map(Parsed::citizenId).filter(java.util.Objects::nonNull).toList());
        Map<Contact, Citizen> byPhone = citizens.findAllByContact(parsed.stream().map(Parsed::phone).filter(java.util.Objects::nonNull).toList());
        Map<Integer, Citizen> who = new HashMap<>();
        for (Parsed p : parsed) {
            Citizen c = p.citizenId() != null ? byId.get(p.citizenId()) : byPhone.get(p.phone());
            if (c == null) {
                outcomes[p.index()] = new TracingRefusal.CitizenNotFound();
            } else {
                who.put(p.index(), c);
            }
        }
        Map<String, List<JdbcTracing.CaseRow>> existing = tracing.casesOf(who.values().stream().map(c -> c.id().value()).toList());
        Instant now = Instant.ofEpochMilli(clock.millis());
        List<JdbcTracing.NewCase> created = new ArrayList<>();
        Map<Integer, JdbcTracing.CaseRow> reruns = new LinkedHashMap<>();
        Map<Integer, JdbcTracing.NewCase> createdAt = new HashMap<>();
        Map<Integer, JdbcTracing.NewCase> sameAsNew = new HashMap<>();
        Map<String, List<JdbcTracing.NewCase>> createdFor = new HashMap<>(); // the same citizen twice in one batch
        for (Parsed p : parsed) {
            Citizen c = who.get(p.index());
            if (c == null) {
                continue;
            }
            String citizenId = c.id().value();
            JdbcTracing.CaseRow same = null;
            String conflicting = null;
            for (JdbcTracing.CaseRow e : existing.getOrDefault(citizenId, List.of())) {
                if (e.infectiousFrom().equals(p.from()) && e.infectiousTo().equals(p.to())) {
                    same = e;
                } else if (e.infectiousFrom().isBefore(p.to()) && e.infectiousTo().isAfter(p.from())) {
                    conflicting = e.id();
                }
            }
            JdbcTracing.NewCase inBatch = null;
            for (JdbcTracing.NewCase n : createdFor.getOrDefault(citizenId, List.of())) {
                if (n.infectiousFrom().equals(p.from()) && n.infectiousTo().equals(p.to())) {
                    inBatch = n;
                } else if (n.infectiousFrom().isBefore(p.to()) && n.infectiousTo().isAfter(p.from())) {
                    conflicting = n.id();
                }
            }
            if (same != null) {
                reruns.put(p.index(), same);
            } else if (inBatch != null) {
                sameAsNew.put(p.index(), inBatch);
            } else if (conflicting != null) {
                outcomes[p.index()] = new TracingRefusal.CaseExists(conflicting);
            } else {
                JdbcTracing.NewCase n = new JdbcTracing.NewCase(uuid(), citizenId, p.from(), p.to(), officer.getName());
                created.add(n);
                createdAt.put(p.index(), n);
                createdFor.computeIfAbsent(citizenId, k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, List<JdbcTracing.CaseWindow>> windowsOf = new HashMap<>();
        if (!created.isEmpty()) {
            Instant earliest = created.stream().map(JdbcTracing.NewCase::infectiousFrom).min(Instant::compareTo).orElseThrow();
            Instant latest = created.stream().map(JdbcTracing.NewCase::infectiousTo).max(Instant::compareTo).orElseThrow();
            List<Visit> read = windows.visitsOf(created.stream().map(JdbcTracing.NewCase::citizenId).toList(), earliest, latest);
            Map<String, List<Visit>> byCitizen = new HashMap<>();
            read.forEach(v -> byCitizen.computeIfAbsent(v.citizenId(), k -> new ArrayList<>()).add(v));
            List<JdbcTracing.CaseWindow> all = new ArrayList<>();
            List<AuditEvent> events = new ArrayList<>();
            for (JdbcTracing.NewCase n : created) {
                List<JdbcTracing.CaseWindow> w = windows.of(n.id(), n.citizenId(), n.infectiousFrom(), n.infectiousTo(),
                        byCitizen.getOrDefault(n.citizenId(), List.of()));
                windowsOf.put(n.id(), w);
                all.addAll(w);
                events.add(AuditEvent.named("case_recorded").actor(officer.getName()).subject("citizen:" + n.citizenId())
                        .reason("tracing.case.recorded").detail("case", n.id()).detail("caseVisits", Integer.toString(w.size())).build());
            }
            // one transaction: every new case, where each was, one audit event each -- the audit events last, because
            // appending locks the audit chain's head until the commit (PostgreSQL)
            transaction.executeWithoutResult(s -> {
                tracing.insertCases(created, now);
                tracing.insertWindows(all);
                audit.recordAll(events);
                nudgeAfterCommit();
            });
        }
        createdAt.forEach((i, n) -> outcomes[i] = new Outcome.Recorded(new Traced(n.id(), n.citizenId(), n.infectiousFrom(), n.infectiousTo(), 1,
                windowsOf.get(n.id()).size(), true, null, 0, true)));
        sameAsNew.forEach((i, n) -> outcomes[i] = new Outcome.Recorded(new Traced(n.id(), n.citizenId(), n.infectiousFrom(), n.infectiousTo(), 1,
                windowsOf.get(n.id()).size(), true, null, 0, false)));
        reruns.forEach((i, row) -> outcomes[i] = new Outcome.Recorded(run(officer, row, row.infectiousFrom(), row.infectiousTo())));
        return List.of(outcomes);
    }

    private Parsed parse(int index, CaseInput input) {
        if (input == null) {
            throw new InvalidValueException("case", "must be an object");
        }
        Instant from = instant("infectiousFrom", input.infectiousFrom());
        Instant to = instant("infectiousTo", input.infectiousTo());
        checkPeriod(from, to);
        String rawCitizenId = input.citizenId();
        String rawPhone = input.phone();
        if ((rawCitizenId == null) == (rawPhone == null)) {
            throw new InvalidValueException("citizen", "give exactly one of citizenId and phone");
        }
        if (rawCitizenId != null) {
            if (rawCitizenId.length() != 36 || !rawCitizenId.matches("[0-9a-f-]{36}")) {
                throw new InvalidValueException("citizenId", "must be a citizen id");
            }
            return new Parsed(index, from, to, new CitizenId(rawCitizenId), null);
        }
        return new Parsed(index, from, to, null, Contact.of(PhoneNumber.parse(rawPhone)));
    }

    /** Changes a case's infectious period and recomputes where it was; people already notified are not notified again. */
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

    /** The case as it stands: its period, where it was, and how far its notification round has come. */
    public Traced get(String caseId) {
        JdbcTracing.CaseRow row = find(caseId);
        return traced(row, tracing.windowCount(row.id()), false);
    }

    private Traced run(AccountPrincipal officer, JdbcTracing.CaseRow row, Instant from, Instant to) {
        List<JdbcTracing.CaseWindow> found = windows.of(row.id(), row.citizenId(), from, to);
        Instant now = Instant.ofEpochMilli(clock.millis());
        JdbcTracing.CaseRow after = transaction.execute(s -> {
            tracing.beginRun(row.id(), from, to, now); // takes the case's row lock: runs of one case write one after the other
            tracing.replaceWindows(row.id(), found);
            JdbcTracing.CaseRow current = tracing.findCase(row.id()).orElseThrow();
            audit.record(AuditEvent.named("case_retraced").actor(officer.getName()).subject("citizen:" + row.citizenId())
                    .reason("tracing.case.traced").detail("case", row.id()).detail("caseVisits", Integer.toString(found.size()))
                    .detail("version", Integer.toString(current.version())));
            nudgeAfterCommit();
            return current;
        });
        return traced(after, found.size(), false);
    }

    private static Traced traced(JdbcTracing.CaseRow row, int caseVisits, boolean created) {
        return new Traced(row.id(), row.citizenId(), row.infectiousFrom(), row.infectiousTo(), row.version(), caseVisits,
                row.notifyPending(), row.notifyPending() ? null : row.contacts(), row.notified(), created);
    }

    /** Wakes the notifier once the current transaction commits (never for one that rolls back). */
    private void nudgeAfterCommit() {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                notifier.nudge();
            }
        });
    }

    /**
     * The caller's risk status: {@code CASUAL_CONTACT} until the contact risk period after their latest exposure, derived
     * from their own stays since then (one index range) overlapping other people's case windows (one index range per stay).
     */
    public Status status(AccountPrincipal caller) {
        if (caller == null || caller.kind() != AccountKind.CITIZEN) {
            throw new RefusedException(new TracingRefusal.NotACitizen());
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        Instant since = now.atOffset(ZoneOffset.UTC).minus(properties.contactRiskPeriod()).toInstant();
        List<JdbcTracing.Stay> stays = new ArrayList<>();
        for (Visit v : visits.ofCitizen(caller.id(), since, now.plusMillis(1), properties.assumedStay(), properties.longestStay())) {
            stays.add(new JdbcTracing.Stay(v.premisesId(), v.checkedInAt(), v.end(properties.assumedStay(), properties.longestStay())));
        }
        return tracing.latestExposure(caller.id(), stays).map(this::riskUntil).filter(now::isBefore)
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

    private static RefusedException caseNotFound() {
        return new RefusedException(new TracingRefusal.CaseNotFound());
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
