package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Rule 3, the time part: no unsolicited first contact at night. A destination that never completed a
 * verification gets no code between the configured local hours unless the client paid a high-difficulty
 * proof of work — the 3 a.m. SMS of the original incident went to people who had never asked for one.
 * <p>The high difficulty is asked of every night-time request, verified destinations too: answering them
 * differently would tell a prober which numbers belong to someone (the code endpoint must answer alike
 * whether or not a destination belongs to anyone). A known user pays a second or two of browser work at night.
 */
class QuietHoursPolicy {

    private final int startHour;
    private final int endHour;
    private final ZoneId zone;

    QuietHoursPolicy(ShieldProperties properties) {
        this.startHour = properties.quietHoursStartHour();
        this.endHour = properties.quietHoursEndHour();
        this.zone = properties.zone();
    }

    /** {@code shield.quiet_hours} when the attempt needs a high-difficulty proof of work; empty otherwise. */
    Optional<String> check(Instant now) {
        if (!inQuietHours(now)) {
            return Optional.empty();
        }
        return Optional.of("shield.quiet_hours");
    }

    boolean inQuietHours(Instant now) {
        int hour = now.atZone(zone).getHour();
        if (startHour == endHour) {
            return false;
        }
        return startHour < endHour ? hour >= startHour && hour < endHour : hour >= startHour || hour < endHour;
    }
}
