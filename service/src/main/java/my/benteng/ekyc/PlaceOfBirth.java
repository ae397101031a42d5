package my.benteng.ekyc;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The place-of-birth ("PB", kod negeri) codes of the MyKad number, as data. Source: Jabatan Pendaftaran
 * Negara, "Kod Negeri" (jpn.gov.my, page 3_2_3_kod_negeri), as reproduced by the Malay and English Wikipedia
 * articles on MyKad: states 01–16 and their additional codes 21–59, foreign countries and regions 60–93
 * (with gaps: 69, 70, 73, 80, 81 are not issued), 98 stateless and 99 Mecca / others. Codes outside this list
 * (00, 17–20, 94–97 …) are refused.
 */
public final class PlaceOfBirth {

    private static final Map<Integer, String> CODES = new TreeMap<>();

    static {
        state("Johor", 1, 21, 22, 23, 24);
        state("Kedah", 2, 25, 26, 27);
        state("Kelantan", 3, 28, 29);
        state("Melaka", 4, 30);
        state("Negeri Sembilan", 5, 31, 59);
        state("Pahang", 6, 32, 33);
        state("Pulau Pinang", 7, 34, 35);
        state("Perak", 8, 36, 37, 38, 39);
        state("Perlis", 9, 40);
        state("Selangor", 10, 41, 42, 43, 44);
        state("Terengganu", 11, 45, 46);
        state("Sabah", 12, 47, 48, 49);
        state("Sarawak", 13, 50, 51, 52, 53);
        state("WP Kuala Lumpur", 14, 54, 55, 56, 57);
        state("WP Labuan", 15, 58);
        state("WP Putrajaya", 16);
        state("Brunei", 60);
        state("Indonesia", 61);
        state("Cambodia / Democratic Kampuchea / Kampuchea", 62);
        state("Laos", 63);
        state("Myanmar", 64);
        state("Philippines", 65);
        state("Singapore", 66);
        state("Thailand", 67);
        state("Vietnam", 68);
        state("Born outside Malaysia (before 2001)", 71, 72);
        state("China", 74);
        state("India", 75);
        state("Pakistan", 76);
        state("Saudi Arabia", 77);
        state("Sri Lanka", 78);
        state("Bangladesh", 79);
        state("State unknown", 82);
        state("Asia-Pacific", 83);
        state("South America", 84);
        state("Africa", 85);
        state("Europe", 86);
        state("Britain / Great Britain / Ireland", 87);
        state("Middle East", 88);
        state("Far East", 89);
        state("Caribbean", 90);
        state("North America", 91);
        state("Soviet Union / USSR", 92);
        state("Other countries", 93);
        state("Stateless", 98);
        state("Mecca / not stated", 99);
    }

    private PlaceOfBirth() {
    }

    private static void state(String name, int... codes) {
        for (int code : codes) {
            CODES.put(code, name);
        }
    }

    /** Whether JPN issues numbers with this code. */
    public static boolean isValid(int code) {
        return CODES.containsKey(code);
    }

    /** The state, country or region a code stands for. */
    public static Optional<String> name(int code) {
        return Optional.ofNullable(CODES.get(code));
    }

    /** Every valid code, ascending (for synthetic generators and tests). */
    public static int[] codes() {
        return CODES.keySet().stream().mapToInt(Integer::intValue).toArray();
    }
}
