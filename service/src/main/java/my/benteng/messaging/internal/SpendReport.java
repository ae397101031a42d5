package my.benteng.messaging.internal;

import my.benteng.platform.Channel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Today's spend per channel for operators: how much of the daily cap is spent, the part open to first contacts and the
 * part reserved for returning and allow-listed numbers, the burn rate of the last hour and when the cap is hit at it.
 * Amounts in the billing currency.
 */
public class SpendReport {

    /** One channel today. {@code capAt} is null when the cap is not hit before the day ends at the current rate. */
    public record ChannelSpend(Channel channel, String day, BigDecimal spent, BigDecimal dailyCap, BigDecimal firstContactShare,
                               BigDecimal reservedForReturning, BigDecimal lastHour, Instant capAt, String capAtLocal,
                               String level) {
    }

    private final SpendMeter meter;

    SpendReport(SpendMeter meter) {
        this.meter = meter;
    }

    public List<ChannelSpend> today() {
        return Arrays.stream(Channel.values()).map(this::of).toList();
    }

    private ChannelSpend of(Channel channel) {
        SpendMeter.Forecast f = meter.forecast(channel);
        Instant capAt = f.capAt().orElse(null);
        return new ChannelSpend(channel, f.day(), money(f.spentMicros()), money(f.dailyCapMicros()), money(f.firstContactMicros()),
                money(f.dailyCapMicros() - f.firstContactMicros()), money(f.perHourMicros()), capAt,
                capAt == null ? null : meter.localTime(capAt), f.level().name());
    }

    private static BigDecimal money(long micros) {
        return BigDecimal.valueOf(micros, 6).stripTrailingZeros();
    }
}
