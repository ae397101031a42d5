package my.benteng.helpdesk;

/** Where a ticket stands: open → pending (waiting for the citizen) → resolved. */
public enum TicketStatus {
    OPEN,
    PENDING,
    RESOLVED;

    /**
     * The moves agents may make: open ↔ pending, either to resolved. A resolved ticket stays resolved (a new
     * question is a new ticket), so a closed case cannot be reopened to send one more reply.
     */
    public boolean canMoveTo(TicketStatus next) {
        return switch (this) {
            case OPEN -> next == PENDING || next == RESOLVED;
            case PENDING -> next == OPEN || next == RESOLVED;
            case RESOLVED -> false;
        };
    }
}
