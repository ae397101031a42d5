package my.benteng.premises;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

/**
 * How many check-ins a premises had per day: the port through which the premises owner's page shows its counts. The
 * check-in module implements it (it owns the check-ins; the premises module may not read them), as otp implements the
 * account module's {@code VerificationTokens}. Aggregates only: nothing about who checked in crosses this port.
 */
public interface DailyCheckins {

    /**
     * Check-ins at {@code premises} per calendar day in {@code zone}, for the days {@code first} to {@code last}
     * inclusive (at most 31 days); days without a check-in are absent from the map.
     */
    Map<LocalDate, Integer> perDay(PremisesId premises, LocalDate first, LocalDate last, ZoneId zone);
}
