package my.benteng.ekyc;

import my.benteng.platform.InvalidValueException;
import my.benteng.testing.SyntheticMyKad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MyKadNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void parsesAValidNumberWithOrWithoutDashes() {
        MyKadNumber plain = MyKadNumber.parse("900101145013", TODAY);
        MyKadNumber dashed = MyKadNumber.parse("900101-14-5013", TODAY);
        assertThat(plain).isEqualTo(dashed);
        assertThat(plain.digits()).isEqualTo("900101145013");
        assertThat(plain.dateOfBirth()).isEqualTo(LocalDate.of(1990, 1, 1));
        assertThat(plain.placeOfBirthCode()).isEqualTo(14);
        assertThat(PlaceOfBirth.name(14)).contains("WP Kuala Lumpur");
    }

    @Test
    void lastDigitParityGivesSex() {
        assertThat(MyKadNumber.parse("900101145013", TODAY).sex()).isEqualTo(MyKadNumber.Sex.MALE);
        assertThat(MyKadNumber.parse("900101145012", TODAY).sex()).isEqualTo(MyKadNumber.Sex.FEMALE);
        assertThat(MyKadNumber.parse("900101145010", TODAY).sex()).isEqualTo(MyKadNumber.Sex.FEMALE);
    }

    @Test
    void centuryIsTheMostRecentPastBirthday() {
        assertThat(MyKadNumber.parse("050315101234", TODAY).dateOfBirth()).isEqualTo(LocalDate.of(2005, 3, 15));
        assertThat(MyKadNumber.parse("261122101234", TODAY).dateOfBirth()).isEqualTo(LocalDate.of(2026, 11, 22));
        // tomorrow in 2026 has not happened: it is 1926
        assertThat(MyKadNumber.parse("261123101234", TODAY).dateOfBirth()).isEqualTo(LocalDate.of(1926, 11, 23));
        assertThat(MyKadNumber.parse("470801101234", TODAY).dateOfBirth()).isEqualTo(LocalDate.of(1947, 8, 1));
    }

    @Test
    void leapDaysExistOnlyInLeapYears() {
        assertThat(MyKadNumber.parse("000229101234", TODAY).dateOfBirth()).isEqualTo(LocalDate.of(2000, 2, 29));
        assertThat(MyKadNumber.parse("960229101234", TODAY).dateOfBirth()).isEqualTo(LocalDate.of(1996, 2, 29));
        assertThatThrownBy(() -> MyKadNumber.parse("970229101234", TODAY)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("birth date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"901301145013", "900132145013", "900000145013", "900431145013", "000001145013"})
    void refusesDatesThatDoNotExist(String text) {
        assertThatThrownBy(() -> MyKadNumber.parse(text, TODAY)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("birth date").hasMessageNotContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "17", "18", "19", "20", "69", "70", "73", "80", "81", "94", "95", "96", "97"})
    void refusesPlaceOfBirthCodesJpnDoesNotIssue(String pb) {
        String text = "900101" + pb + "5013";
        assertThatThrownBy(() -> MyKadNumber.parse(text, TODAY)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("place-of-birth").hasMessageNotContaining(text);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 16, 21, 59, 60, 68, 71, 72, 74, 79, 82, 83, 93, 98, 99})
    void acceptsStateAndForeignCodes(int pb) {
        assertThat(MyKadNumber.parse(String.format("900101%02d5013", pb), TODAY).placeOfBirthCode()).isEqualTo(pb);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "12345678901", "1234567890123", "90010114501X", "900101 14 5013", "900101-145013", "９００１０１１４５０１３",
            "900101-14-5013-", "'; DROP TABLE ekyc_record; --", "900101145013\n", "<script>alert(1)</script>"})
    void refusesMalformedInputWithoutEchoingIt(String text) {
        assertThatThrownBy(() -> MyKadNumber.parse(text, TODAY)).isInstanceOf(InvalidValueException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(text.isEmpty() ? "\u0000" : text));
    }

    @Test
    void refusesNullAndOversizedInput() {
        assertThatThrownBy(() -> MyKadNumber.parse(null, TODAY)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> MyKadNumber.parse("9".repeat(1_000_000), TODAY)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void toStringIsMasked() {
        MyKadNumber n = MyKadNumber.parse("900101-14-5013", TODAY);
        assertThat(n.toString()).isEqualTo("******-**-**13").doesNotContain("900101").doesNotContain("5013");
    }

    @Test
    void ageIsCountedFromTheBirthDate() {
        MyKadNumber n = MyKadNumber.parse("081122101234", TODAY);
        assertThat(n.isAtLeast(18, TODAY)).isTrue();
        assertThat(n.isAtLeast(18, TODAY.minusDays(1))).isFalse();
    }

    @Test
    void syntheticNumbersAlwaysValidate() {
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            MyKadNumber.parse(SyntheticMyKad.random(random), TODAY);
        }
    }
}
