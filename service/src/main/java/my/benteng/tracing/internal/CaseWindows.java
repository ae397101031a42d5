package my.benteng.tracing.internal;

import my.benteng.checkin.Visit;
import my.benteng.checkin.Visits;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Where a case was: each of the citizen's stays clipped to the infectious period, and around it the window, widened by
 * the buffer on both sides, in which another person's stay at the same premises makes them a casual contact. A stay
 * runs from check-in to check-out, or the assumed stay without a check-out, never longer than the longest stay.
 */
@Component
class CaseWindows {

    private final Visits visits;
    private final TracingProperties properties;

    CaseWindows(Visits visits, TracingProperties properties) {
        this.visits = visits;
        this.properties = properties;
    }

    /** The windows of one case, read from the citizen's check-ins (one index range scan). */
    List<JdbcTracing.CaseWindow> of(String caseId, String citizenId, Instant from, Instant to) {
        return of(caseId, citizenId, from, to, visits.ofCitizen(citizenId, from, to, properties.assumedStay(), properties.longestStay()));
    }

    /** The check-ins of many citizens in one go, for a batch of cases: covers every period from {@code from} to {@code to}. */
    List<Visit> visitsOf(Collection<String> citizenIds, Instant from, Instant to) {
        return visits.ofCitizens(citizenIds, from, to, properties.assumedStay(), properties.longestStay());
    }

    /** The windows of one case from visits read before (only the case citizen's that overlap the period count). */
    List<JdbcTracing.CaseWindow> of(String caseId, String citizenId, Instant from, Instant to, Collection<Visit> read) {
        List<JdbcTracing.CaseWindow> windows = new ArrayList<>();
        for (Visit v : read) {
            if (!v.citizenId().equals(citizenId)) {
                continue;
            }
            Instant start = v.checkedInAt().isAfter(from) ? v.checkedInAt() : from;
            Instant end = v.end(properties.assumedStay(), properties.longestStay());
            end = end.isBefore(to) ? end : to;
            if (end.isAfter(start)) {
                windows.add(new JdbcTracing.CaseWindow(caseId, v.checkinId(), citizenId, v.premisesId(), start,
                        start.minus(properties.buffer()), end.plus(properties.buffer())));
            }
        }
        return windows;
    }

    /** The windows as the check-in module's contact search takes them. */
    static List<Visits.Window> forSearch(List<JdbcTracing.CaseWindow> windows) {
        return windows.stream().map(w -> new Visits.Window(w.premisesId(), w.from(), w.to())).toList();
    }
}
