package my.benteng.testing;

import my.benteng.ekyc.PlaceOfBirth;

import java.time.LocalDate;
import java.util.Random;

/** Synthetic MyKad numbers: a real birth date, a valid place-of-birth code, a random serial. Never a real person's. */
public final class SyntheticMyKad {

    private SyntheticMyKad() {
    }

    /** A 12-digit number for someone born on {@code born}, of the given sex (odd last digit: male). */
    public static String of(LocalDate born, boolean male, Random random) {
        int[] codes = PlaceOfBirth.codes();
        int pb = codes[random.nextInt(codes.length)];
        int serial = random.nextInt(1000);
        int last = random.nextInt(5) * 2 + (male ? 1 : 0);
        return String.format("%02d%02d%02d%02d%03d%d", born.getYear() % 100, born.getMonthValue(), born.getDayOfMonth(), pb, serial, last);
    }

    /** A random adult (born 1950–2005). */
    public static String random(Random random) {
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(random.nextInt(365 * 55));
        return of(born, random.nextBoolean(), random);
    }
}
