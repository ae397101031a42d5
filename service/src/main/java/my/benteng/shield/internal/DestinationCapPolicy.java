package my.benteng.shield.internal;

import my.benteng.shield.ShieldProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 3, the counting part: at most N codes per destination per hour and per day, and for a destination
 * that never completed a verification at most one per interval. Applies to allow-listed destinations too:
 * the caps protect the person behind the number, whoever asks.
 */
class DestinationCapPolicy {

    private final ShieldProperties properties;

    DestinationCapPolicy(ShieldProperties properties) {
        this.properties = properties;
    }

    /**
     * The limits for one destination.
     *
     * @param destinationHash keyed hash of the destination, so the state never holds a number or address
     */
    List<Limit> limits(String destinationHash, boolean destinationEverVerified) {
        String key = "d:" + destinationHash;
        List<Limit> limits = new ArrayList<>(3);
        limits.add(Limit.window(key + ":h", "shield.destination.hourly_cap", properties.destinationHourlyCap(), Duration.ofHours(1)));
        limits.add(Limit.window(key + ":d", "shield.destination.daily_cap", properties.destinationDailyCap(), Duration.ofDays(1)));
        if (!destinationEverVerified) {
            limits.add(Limit.window(key + ":f", "shield.destination.first_contact", 1, properties.firstContactInterval()));
        }
        return limits;
    }
}
