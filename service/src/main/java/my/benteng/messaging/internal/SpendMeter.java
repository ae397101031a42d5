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
        addToHour(channel, cost);
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

    /**
     * Today's spend of a channel and where it is heading.
     *
     * @param perHourMicros the spend of the last 60 minutes (the previous hour's bucket weighted by the part of it
     *                      still inside those 60 minutes, plus the current hour's)
     * @param capAt         when the daily cap is hit at that rate, if before the day ends
     */
    record Forecast(Channel channel, String day, long spentMicros, long dailyCapMicros, long firstContactMicros,
                    long perHourMicros, java.util.Optional<java.time.Instant> capAt, SpendLevel level) {
    }

    Forecast forecast(Channel channel) {
        java.time.Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone());
        String day = today.toString();
        long dailyCap = micros(channel == Channel.SMS ? properties.sms().dailyCap() : properties.email().dailyCap());
        long spent = spentMicros(channel, day);
        long hour = hourStart(now.toEpochMilli());
        long current = hourSpent(channel, hour);
        long previous = hourSpent(channel, hour - HOUR_MILLIS);
        double intoHour = (now.toEpochMilli() - hour) / (double) HOUR_MILLIS;
        long perHour = Math.round(current + previous * (1 - intoHour));
        java.util.Optional<java.time.Instant> capAt = java.util.Optional.empty();
        if (perHour > 0 && spent < dailyCap) {
            java.time.Instant at = now.plusMillis((long) ((dailyCap - spent) / (double) perHour * HOUR_MILLIS));
            if (at.isBefore(today.plusDays(1).atStartOfDay(zone()).toInstant())) {
                capAt = java.util.Optional.of(at);
            }
        } else if (spent >= dailyCap) {
            capAt = java.util.Optional.of(now);
        }
        return new Forecast(channel, day, spent, dailyCap, Math.round(dailyCap * properties.nearCapShare()), perHour, capAt, level(channel));
    }

    /** True the first time this is called for a channel and day: the forecast alert is raised once a day. */
    boolean firstForecastAlert(Channel channel, String day) {
        return jdbc.sql("UPDATE messaging_spend SET forecast_alerted = 1 WHERE channel = :channel AND period = :period AND forecast_alerted = 0")
                .param("channel", channel.name()).param("period", day).update() == 1;
    }

    private static final long HOUR_MILLIS = 3_600_000;

    /** {@code at} as a local time of day in the spend zone, to the minute ("14:20"). */
    String localTime(java.time.Instant at) {
        return at.atZone(zone()).toLocalTime().withSecond(0).withNano(0).toString();
    }

    private static long hourStart(long millis) {
        return millis - Math.floorMod(millis, HOUR_MILLIS);
    }

    private long hourSpent(Channel channel, long hourStart) {
        return jdbc.sql("SELECT spent_micros FROM messaging_spend_hour WHERE channel = :channel AND hour_start = :hour")
                .param("channel", channel.name()).param("hour", hourStart).query(Long.class).optional().orElse(0L);
    }

    private void addToHour(Channel channel, long cost) {
        long hour = hourStart(clock.millis());
        int inserted = jdbc.sql("INSERT INTO messaging_spend_hour (channel, hour_start, spent_micros) VALUES (:channel, :hour, 0) "
                        + "ON CONFLICT (channel, hour_start) DO NOTHING")
                .param("channel", channel.name()).param("hour", hour).update();
        jdbc.sql("UPDATE messaging_spend_hour SET spent_micros = spent_micros + :cost WHERE channel = :channel AND hour_start = :hour")
                .param("cost", cost).param("channel", channel.name()).param("hour", hour).update();
        if (inserted == 1) {
            // a new hour began: the buckets the forecast no longer reads go (two days kept for a look back)
            jdbc.sql("DELETE FROM messaging_spend_hour WHERE channel = :channel AND hour_start < :before")
                    .param("channel", channel.name()).param("before", hour - 48 * HOUR_MILLIS).update();
        }
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
