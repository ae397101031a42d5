package my.benteng.helpdesk;

/** What a ticket is about; agents filter the queue by it. */
public enum TicketCategory {
    GENERAL,
    ACCOUNT,
    CHECK_IN,
    EKYC,
    PRIVACY
}
