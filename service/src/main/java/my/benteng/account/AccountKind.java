package my.benteng.account;

/** Who holds a session: a member of the public or a member of staff. */
public enum AccountKind {
    CITIZEN,
    STAFF
}
