package my.benteng.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryNumbersTest {

    @Test
    void readsDigitsWithinBoundsAndTheDefaultWhenAbsent() {
        assertThat(QueryNumbers.wholeNumber("size", null, 20, 1, 100)).isEqualTo(20);
        assertThat(QueryNumbers.wholeNumber("size", "100", 20, 1, 100)).isEqualTo(100);
        assertThat(QueryNumbers.wholeNumber("page", "0", 0, 0, 5)).isZero();
    }

    @Test
    void refusesSignsSpacesOverflowAndOutOfBoundsWithoutQuotingTheText() {
        for (String text : new String[]{"", "-1", "+1", " 1", "1e3", "9999999", "abc", "１"}) {
            assertThatThrownBy(() -> QueryNumbers.wholeNumber("size", text, 20, 1, 100)).isInstanceOf(InvalidValueException.class)
                    .hasMessage("size: must be a whole number");
        }
        assertThatThrownBy(() -> QueryNumbers.wholeNumber("size", "101", 20, 1, 100)).hasMessage("size: must be between 1 and 100");
    }
}
