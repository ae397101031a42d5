package my.benteng.detection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LevelTest {

    @Test
    void readsTheFiveSigmaSpellingsOnly() {
        assertThat(Level.parse("informational")).contains(Level.INFORMATIONAL);
        assertThat(Level.parse("critical")).contains(Level.CRITICAL);
        assertThat(Level.parse("High")).isEmpty(); // Sigma spells levels in lower case; anything else is a rule error
        assertThat(Level.parse("severe")).isEmpty();
        assertThat(Level.parse(null)).isEmpty();
    }

    @Test
    void ordersLowestFirst() {
        assertThat(Level.LOW).isLessThan(Level.MEDIUM);
        assertThat(Level.HIGH.sigmaName()).isEqualTo("high");
    }
}
