package my.benteng.checkin;

import my.benteng.premises.PremisesId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Read access to check-ins for contact tracing. Both queries are range scans of one index
 * ({@code (citizen_id, checked_in_at)} and {@code (premises_id, checked_in_at)}): a visit can only overlap a window
 * if it started at most {@code longestStay} before the window, which bounds the scan.
 */
public interface Visits {

    /** The citizen's visits whose stay overlaps {@code (from, to)}, oldest first. */
    List<Visit> ofCitizen(String citizenId, Instant from, Instant to, Duration assumedStay, Duration longestStay);

    /**
     * The visits of any of the citizens whose stay overlaps {@code (from, to)}, as {@link #ofCitizen} decides overlap,
     * in no particular order: one statement per few hundred citizens instead of one per citizen (a batch of cases).
     */
    List<Visit> ofCitizens(java.util.Collection<String> citizenIds, Instant from, Instant to, Duration assumedStay, Duration longestStay);

    /**
     * Everybody's visits at the premises whose stay overlaps {@code (from, to)}: started before {@code to} and ended
     * after {@code from} (strictly, so a stay that ends exactly when the window opens does not overlap it), with
     * {@link Visit#end(Duration, Duration)} as the end of a stay. Oldest first.
     */
    List<Visit> atPremises(PremisesId premises, Instant from, Instant to, Duration assumedStay, Duration longestStay);

    /**
     * The people whose stay overlaps any of the windows at its premises, as {@link #atPremises} decides overlap, other
     * than {@code excludedCitizen}; each with the earliest instant at which one of their stays and a window overlap
     * (the later of the check-in and the window's start). Set-based: one statement for up to a hundred windows, and only
     * one row per person leaves the database, however many stays overlap.
     */
    Map<String, Instant> contacts(List<Window> windows, String excludedCitizen, Duration assumedStay, Duration longestStay);

    /** A time window at a premises (for tracing: a case's stay there, widened by the buffer). */
    record Window(PremisesId premises, Instant from, Instant to) {
        public Window {
            java.util.Objects.requireNonNull(premises, "premises");
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("a window must end after it starts");
            }
        }
    }
}
