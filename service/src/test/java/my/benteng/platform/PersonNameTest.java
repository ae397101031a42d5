package my.benteng.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonNameTest {

    private static String parse(String input) {
        return PersonName.parse(input, 20, problem -> new InvalidValueException("name", problem.name()));
    }

    @Test
    void normalisesAndKeepsTheNamesMalaysiansWrite() {
        assertThat(parse("  Siti   Nur\u0041\u0301 ")).isEqualTo("Siti Nur\u00c1");
        assertThat(parse("Muthu a/l Rajan")).isEqualTo("Muthu a/l Rajan");
        assertThat(parse("Tan Ah-Kow @ Ah Kau")).isEqualTo("Tan Ah-Kow @ Ah Kau");
        assertThat(parse("陈小明")).isEqualTo("陈小明");
    }

    @Test
    void namesEachProblemSoTheCallerCanWordIt() {
        assertThatThrownBy(() -> parse(null)).hasMessageContaining("EMPTY");
        assertThatThrownBy(() -> parse("   ")).hasMessageContaining("EMPTY");
        assertThatThrownBy(() -> parse("a".repeat(21))).hasMessageContaining("TOO_LONG");
        assertThatThrownBy(() -> parse("x".repeat(81))).hasMessageContaining("TOO_LONG");
        assertThatThrownBy(() -> parse("Ali\u0000")).hasMessageContaining("CHARACTER");
        assertThatThrownBy(() -> parse("Ali <b>")).hasMessageContaining("CHARACTER");
        assertThatThrownBy(() -> parse("Ali\u202e")).hasMessageContaining("CHARACTER");
        assertThatThrownBy(() -> parse(" .-/ ")).hasMessageContaining("NO_LETTER");
    }
}
