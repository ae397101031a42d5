package my.benteng.tracing.internal;

import my.benteng.account.AccountKind;
import my.benteng.account.AccountPrincipal;
import my.benteng.account.Citizen;
import my.benteng.account.CitizenId;
import my.benteng.account.Citizens;
import my.benteng.account.Contact;
import my.benteng.account.ContactChannel;
import my.benteng.audit.AuditEvent;
import my.benteng.audit.AuditLog;
import my.benteng.checkin.Visit;
import my.benteng.checkin.Visits;
import my.benteng.messaging.Messaging;
import my.benteng.messaging.Recipient;
import my.benteng.messaging.Template;
import my.benteng.messaging.TemplateParameters;
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
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
 * deactivated and re-activated (never deleted), and a notification goes out only for an exposure that has none yet;
 * a citizen already notified within the contact risk period (for any case) is not notified again.
 */
@Service
public class TracingService {

    private final Visits visits;
    private final Citizens citizens;
    private final PremisesDirectory premises;
    private final Messaging messaging;
    private final JdbcTracing tracing;
    private final TracingProperties properties;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final TransactionTemplate transaction;

    TracingService(Visits visits, Citizens citizens, PremisesDirectory premises, Messaging messaging, JdbcTracing tracing,
                   TracingProperties properties, AuditLog audit, Clock clock, SecureRandom random, PlatformTransactionManager transactions) {
        this.visits = visits;
        this.citizens = citizens;
        this.premises = premises;
        this.messaging = messaging;
        this.tracing = tracing;
        this.properties = properties;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** The outcome of a tracing run. {@code created} is true for a newly recorded case. */
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
                return run(officer, existing.id(), from, to, false);
            }
            if (existing.infectiousFrom().isBefore(to) && existing.infectiousTo().isAfter(from)) {
                throw new ApiProblem(HttpStatus.CONFLICT, "case-exists", "Case exists",
                        "This citizen already has a case with an overlapping infectious period; correct that case instead.",
                        null, Map.of("caseId", existing.id()));
            }
        }
        String id = uuid();
        Instant now = Instant.ofEpochMilli(clock.millis());
        transaction.executeWithoutResult(s -> tracing.insertCase(new JdbcTracing.CaseRow(id, citizen.id().value(), from, to, 1),
                officer.getName(), now));
        audit.record(AuditEvent.named("case_recorded").actor(officer.getName()).subject("citizen:" + citizen.id().value())
                .reason("tracing.case.recorded").detail("case", id));
        Traced traced = run(officer, id, from, to, true);
        return traced;
    }

    /** Changes a case's infectious period and recomputes its contacts; people already notified are not notified again. */
    public Traced correct(AccountPrincipal officer, String caseId, String rawFrom, String rawTo) {
        JdbcTracing.CaseRow existing = find(caseId);
        Instant from = instant("infectiousFrom", rawFrom);
        Instant to = instant("infectiousTo", rawTo);
        checkPeriod(from, to);
        return run(officer, existing.id(), from, to, false);
    }

    /** Runs the tracing of a case again with its current period (new check-ins, e.g. late check-outs, are picked up). */
    public Traced retrace(AccountPrincipal officer, String caseId) {
        JdbcTracing.CaseRow existing = find(caseId);
        return run(officer, existing.id(), existing.infectiousFrom(), existing.infectiousTo(), false);
    }

    private Traced run(AccountPrincipal officer, String caseId, Instant from, Instant to, boolean created) {
        JdbcTracing.CaseRow row = find(caseId);
        String citizenId = row.citizenId();
        List<Visit> caseVisits = visits.ofCitizen(citizenId, from, to, properties.assumedStay(), properties.longestStay());
        Map<String, Instant> exposures = new HashMap<>();
        List<JdbcTracing.CaseVisit> visited = new ArrayList<>();
        for (Visit v : caseVisits) {
            Instant start = max(v.checkedInAt(), from);
            Instant end = min(v.end(properties.assumedStay(), properties.longestStay()), to);
            if (!end.isAfter(start)) {
                continue;
            }
            visited.add(new JdbcTracing.CaseVisit(v.checkinId(), v.premisesId(), start));
            Instant windowStart = start.minus(properties.buffer());
            Instant windowEnd = end.plus(properties.buffer());
            for (Visit other : visits.atPremises(v.premisesId(), windowStart, windowEnd, properties.assumedStay(), properties.longestStay())) {
                if (other.citizenId().equals(citizenId)) {
                    continue;
                }
                Instant exposedAt = max(other.checkedInAt(), windowStart);
                exposures.merge(other.citizenId(), exposedAt, TracingService::min);
            }
        }
        Instant now = Instant.ofEpochMilli(clock.millis());
        int[] notified = {0};
        int version = transaction.execute(s -> {
            tracing.beginRun(caseId, from, to, now);
            tracing.replaceCaseVisits(caseId, visited);
            tracing.deactivateExposures(caseId);
            exposures.forEach((contact, at) -> tracing.upsertExposure(caseId, contact, at, riskUntil(at)));
            Instant recently = now.atOffset(ZoneOffset.UTC).minus(properties.contactRiskPeriod()).toInstant();
            for (String contact : tracing.unnotified(caseId)) {
                if (!tracing.notifiedSince(contact, recently)) {
                    notified[0] += notify(contact) ? 1 : 0;
                }
                tracing.markNotified(caseId, contact, now); // handled: by this message or by an earlier one
            }
            return tracing.findCase(caseId).orElseThrow().version();
        });
        audit.record(AuditEvent.named(created ? "case_traced" : "case_retraced").actor(officer.getName())
                .subject("citizen:" + citizenId).reason("tracing.case.traced").detail("case", caseId)
                .detail("contacts", Integer.toString(exposures.size())).detail("notified", Integer.toString(notified[0])));
        return new Traced(caseId, citizenId, from, to, version, visited.size(), exposures.size(), notified[0], created);
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
        byte[] b = new byte[16];
        random.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        String hex = HexFormat.of().formatHex(b);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
    }
}
