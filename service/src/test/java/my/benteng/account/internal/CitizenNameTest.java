package my.benteng.account.internal;

import my.benteng.platform.InvalidValueException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CitizenNameTest {

    @Test
    void trimsCollapsesSpacesAndNormalisesToNfc() {
        assertThat(CitizenName.parse("  Siti   Aminah ")).isEqualTo("Siti Aminah");
        assertThat(CitizenName.parse("Zoe\u0308")).isEqualTo("Zo\u00eb");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String hundredSupplementary = "\uD840\uDC00".repeat(100); // 100 CJK Extension B letters
        assertThat(CitizenName.parse(hundredSupplementary)).hasSize(200);
        assertThatThrownBy(() -> CitizenName.parse(hundredSupplementary + "\uD840\uDC00")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void refusesControlsDigitsSymbolsAndNamesWithoutLetters() {
        for (String bad : new String[] {null, "", "  ", "Ali\nBaba", "Ali\tBaba", "Ali\u200bBaba", "Ali1", "Ali<", "--", "Ali\u202e"}) {
            assertThatThrownBy(() -> CitizenName.parse(bad)).as(String.valueOf(bad)).isInstanceOf(InvalidValueException.class)
                    .hasMessageStartingWith("name: ");
        }
    }

    @Test
    void messagesNeverQuoteTheInput() {
        assertThatThrownBy(() -> CitizenName.parse("Secret9Name")).hasMessageNotContaining("Secret");
    }
}
