package my.benteng.messaging.internal;

import my.benteng.platform.Channel;
import my.benteng.platform.SpendLevel;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Daily and monthly spend per channel. A charge is one conditional UPDATE per period
 * ({@code spent + cost <= cap}), so parallel dispatchers on any number of nodes can never push the total
 * over a cap: there is no read-then-write window. Runs inside the caller's transaction.
 */
final class SpendMeter {

    /** The outcome of a charge: charged, or refused with the period whose cap stopped it. */
    record Charge(boolean charged, String cappedPeriod) {
    }

    /**
     * How long a computed level is reused. The shield asks for it on every code request, attackers included;
     * the caps themselves are enforced exactly at send time by {@link #charge}, so a level a second old only
     * decides a little late when "near the cap" starts to apply.
     */
    private static final long LEVEL_REUSE_MILLIS = 1_000;

    private record KnownLevel(SpendLevel level, String day, long atMillis) {
    }

    private final JdbcClient jdbc;
    private final MessagingProperties properties;
    private final Clock clock;
    private final java.util.Map<Channel, KnownLevel> levels = new java.util.concurrent.ConcurrentHashMap<>();

    SpendMeter(JdbcClient jdbc, MessagingProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    Charge charge(Channel channel, String region) {
        long cost = micros(channel == Channel.SMS ? properties.sms().costFor(region) : properties.email().cost());
        long dailyCap = micros(channel == Channel.SMS ? properties.sms().dailyCap() : properties.email().dailyCap());
        long monthlyCap = micros(channel == Channel.SMS ? properties.sms().monthlyCap() : properties.email().monthlyCap());
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone());
        String day = today.toString();
        String month = day.substring(0, 7);
        if (!add(channel, day, cost, dailyCap)) {
            return new Charge(false, day);
        }
        if (!add(channel, month, cost, monthlyCap)) {
            // give the day back: this message is not sent, so it costs nothing
            jdbc.sql("UPDATE messaging_spend SET spent_micros = spent_micros - :cost WHERE channel = :channel AND period = :period")
                    .param("cost", cost).param("channel", channel.name()).param("period", day).update();
            return new Charge(false, month);
        }
        return new Charge(true, null);
    }

    /**
     * The channel's level for today and this month: over when not even the cheapest message would fit under
     * a cap any more, near when {@code nearCapShare} of a cap is spent.
     */
    SpendLevel level(Channel channel) {
        long now = clock.millis();
        String today = LocalDate.ofInstant(clock.instant(), zone()).toString();
        KnownLevel known = levels.get(channel);
        if (known != null && known.day().equals(today) && now >= known.atMillis() && now - known.atMillis() < LEVEL_REUSE_MILLIS) {
            return known.level();
        }
        SpendLevel level = computeLevel(channel);
        levels.put(channel, new KnownLevel(level, today, now));
        return level;
    }

    private SpendLevel computeLevel(Channel channel) {
        long cost = micros(channel == Channel.SMS
                ? properties.sms().costPerRegion().values().stream().reduce(properties.sms().defaultCost(), BigDecimal::min)
                : properties.email().cost());
        long dailyCap = micros(channel == Channel.SMS ? properties.sms().dailyCap() : properties.email().dailyCap());
        long monthlyCap = micros(channel == Channel.SMS ? properties.sms().monthlyCap() : properties.email().monthlyCap());
        String day = LocalDate.ofInstant(clock.instant(), zone()).toString();
        long daily = spentMicros(channel, day);
        long monthly = spentMicros(channel, day.substring(0, 7));
        if (daily + cost > dailyCap || monthly + cost > monthlyCap) {
            return SpendLevel.OVER_CAP;
        }
        double share = properties.nearCapShare();
        if (daily >= dailyCap * share || monthly >= monthlyCap * share) {
            return SpendLevel.NEAR_CAP;
        }
        return SpendLevel.NORMAL;
    }

    /** True the first time this is called for a channel and period: the alert is raised once per period. */
    boolean firstCapAlert(Channel channel, String period) {
        return jdbc.sql("UPDATE messaging_spend SET cap_alerted = 1 WHERE channel = :channel AND period = :period AND cap_alerted = 0")
                .param("channel", channel.name()).param("period", period).update() == 1;
    }

    /** Spent in the period, in millionths of the billing currency. */
    long spentMicros(Channel channel, String period) {
        return jdbc.sql("SELECT spent_micros FROM messaging_spend WHERE channel = :channel AND period = :period")
                .param("channel", channel.name()).param("period", period).query(Long.class).optional().orElse(0L);
    }

    private boolean add(Channel channel, String period, long cost, long cap) {
        levels.remove(channel); // this node spent: its next level is read fresh
        jdbc.sql("INSERT INTO messaging_spend (channel, period, spent_micros, cap_alerted) VALUES (:channel, :period, 0, 0) "
                        + "ON CONFLICT (channel, period) DO NOTHING")
                .param("channel", channel.name()).param("period", period).update();
        return jdbc.sql("UPDATE messaging_spend SET spent_micros = spent_micros + :cost "
                        + "WHERE channel = :channel AND period = :period AND spent_micros + :cost <= :cap")
                .param("cost", cost).param("channel", channel.name()).param("period", period).param("cap", cap)
                .update() == 1;
    }

    private ZoneId zone() {
        return properties.spendZone();
    }

    static long micros(BigDecimal amount) {
        return amount.movePointRight(6).longValueExact();
    }
}
