package my.benteng.checkin;

import my.benteng.premises.PremisesId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Read access to check-ins for contact tracing. Both queries are range scans of one index
 * ({@code (citizen_id, checked_in_at)} and {@code (premises_id, checked_in_at)}): a visit can only overlap a window
 * if it started at most {@code longestStay} before the window, which bounds the scan.
 */
public interface Visits {

    /** The citizen's visits whose stay overlaps {@code (from, to)}, oldest first. */
    List<Visit> ofCitizen(String citizenId, Instant from, Instant to, Duration assumedStay, Duration longestStay);

    /**
     * Everybody's visits at the premises whose stay overlaps {@code (from, to)}: started before {@code to} and ended
     * after {@code from} (strictly, so a stay that ends exactly when the window opens does not overlap it), with
     * {@link Visit#end(Duration, Duration)} as the end of a stay. Oldest first.
     */
    List<Visit> atPremises(PremisesId premises, Instant from, Instant to, Duration assumedStay, Duration longestStay);
}
