package my.benteng.site.internal;

import java.time.Duration;
import java.time.Period;

/**
 * A length of time as a person reads it: an amount and one unit ({@code minutes}, {@code hours}, {@code days}), the
 * largest unit that states it exactly. The page words it in the visitor's language ({@code unit.days} and so on).
 */
public record Span(long amount, String unit) {

    public static Span of(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return new Span(d.toDays(), "days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return new Span(d.toHours(), "hours");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return new Span(d.toMinutes(), "minutes");
        }
        return new Span(Math.max(1, d.toSeconds()), "seconds");
    }

    /** Periods in configuration are days (P90D); months or years are stated in days as the purge job counts them. */
    public static Span of(Period p) {
        if (p.getYears() == 0 && p.getMonths() == 0) {
            return new Span(p.getDays(), "days");
        }
        if (p.getDays() == 0 && p.getMonths() == 0) {
            return new Span(p.getYears(), "years");
        }
        return new Span(p.toTotalMonths() * 30 + p.getDays(), "days");
    }
}
