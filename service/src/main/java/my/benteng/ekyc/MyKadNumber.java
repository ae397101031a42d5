package my.benteng.ekyc;

import my.benteng.platform.InvalidValueException;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Period;
import java.util.Objects;

/**
 * A Malaysian identity card number {@code YYMMDD-PB-###G}: birth date, place-of-birth code
 * ({@link PlaceOfBirth}), serial and a last digit whose parity gives the sex (odd: male). Accepted with or
 * without the two dashes; the date must exist and the code must be one JPN issues.
 * <p>Century rule: the two-digit year is read as 20YY when that date is not after {@code today} (from the
 * injected clock), else as 19YY — the most recent past birthday, so a number never describes someone not yet
 * born. (People over 100 are thus read a century too young; the 12-digit format dates from 1990, when they
 * were already 64 or older and kept their old numbers.)
 * <p>Personal data: {@link #toString()} is masked ({@code ******-**-**12}); {@link #digits()} is for the
 * vault's HMAC and encryption only.
 */
public final class MyKadNumber {

    /** Sex as the number encodes it. */
    public enum Sex { MALE, FEMALE }

    private final String digits;
    private final LocalDate dateOfBirth;

    private MyKadNumber(String digits, LocalDate dateOfBirth) {
        this.digits = digits;
        this.dateOfBirth = dateOfBirth;
    }

    /**
     * Parses and validates.
     *
     * @param today the current date in Malaysia, from the injected clock (the century rule needs it)
     * @throws InvalidValueException naming the rule broken, never the value
     */
    public static MyKadNumber parse(String text, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (text == null || text.length() > 14) {
            throw new InvalidValueException("myKadNumber", "must be 12 digits YYMMDD-PB-###G");
        }
        String digits = text.length() == 14 && text.charAt(6) == '-' && text.charAt(9) == '-'
                ? text.substring(0, 6) + text.substring(7, 9) + text.substring(10)
                : text;
        if (digits.length() != 12 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidValueException("myKadNumber", "must be 12 digits YYMMDD-PB-###G");
        }
        int yy = Integer.parseInt(digits, 0, 2, 10);
        int mm = Integer.parseInt(digits, 2, 4, 10);
        int dd = Integer.parseInt(digits, 4, 6, 10);
        LocalDate born = date(2000 + yy, mm, dd);
        if (born == null || born.isAfter(today)) {
            born = date(1900 + yy, mm, dd);
        }
        if (born == null) {
            throw new InvalidValueException("myKadNumber", "birth date does not exist");
        }
        if (!PlaceOfBirth.isValid(Integer.parseInt(digits, 6, 8, 10))) {
            throw new InvalidValueException("myKadNumber", "place-of-birth code is not one JPN issues");
        }
        return new MyKadNumber(digits, born);
    }

    private static LocalDate date(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The 12 digits without dashes. Personal data: only for keyed hashing and encryption. */
    public String digits() {
        return digits;
    }

    public LocalDate dateOfBirth() {
        return dateOfBirth;
    }

    public int placeOfBirthCode() {
        return Integer.parseInt(digits, 6, 8, 10);
    }

    public Sex sex() {
        return (digits.charAt(11) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    /** Whether the holder is at least {@code years} old on {@code day}. */
    public boolean isAtLeast(int years, LocalDate day) {
        return Period.between(dateOfBirth, day).getYears() >= years;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MyKadNumber other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** Masked: only the last two digits, e.g. {@code ******-**-**12}. */
    @Override
    public String toString() {
        return "******-**-**" + digits.substring(10);
    }
}
