package my.benteng.checkin;

import my.benteng.premises.PremisesId;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One check-in as other modules (tracing) see it: who, where, from when to when. {@code checkedOutAt} is null
 * when the person never checked out. No dependants' names: they are not needed to find contacts.
 */
public record Visit(String checkinId, String citizenId, PremisesId premisesId, Instant checkedInAt, Instant checkedOutAt) {

    public Visit {
        Objects.requireNonNull(checkinId, "checkinId");
        Objects.requireNonNull(citizenId, "citizenId");
        Objects.requireNonNull(premisesId, "premisesId");
        Objects.requireNonNull(checkedInAt, "checkedInAt");
    }

    /**
     * When the visit is taken to have ended: the check-out, or {@code assumedStay} after the check-in when there
     * was none; never more than {@code longestStay} after the check-in (a forgotten check-out is not a day-long visit).
     */
    public Instant end(Duration assumedStay, Duration longestStay) {
        Instant end = checkedOutAt != null ? checkedOutAt : checkedInAt.plus(assumedStay);
        Instant cap = checkedInAt.plus(longestStay);
        return end.isAfter(cap) ? cap : end;
    }
}
