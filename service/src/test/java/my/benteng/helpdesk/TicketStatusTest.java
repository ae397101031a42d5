package my.benteng.helpdesk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TicketStatusTest {

    @Test
    void openGoesToPendingAndEitherToResolvedWhichIsFinal() {
        assertThat(TicketStatus.OPEN.canMoveTo(TicketStatus.PENDING)).isTrue();
        assertThat(TicketStatus.OPEN.canMoveTo(TicketStatus.RESOLVED)).isTrue();
        assertThat(TicketStatus.PENDING.canMoveTo(TicketStatus.OPEN)).isTrue();
        assertThat(TicketStatus.PENDING.canMoveTo(TicketStatus.RESOLVED)).isTrue();
        assertThat(TicketStatus.OPEN.canMoveTo(TicketStatus.OPEN)).isFalse();
        for (TicketStatus next : TicketStatus.values()) {
            assertThat(TicketStatus.RESOLVED.canMoveTo(next)).isFalse();
        }
    }
}
