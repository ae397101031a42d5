package my.benteng.account;

/** How a contact is reached: a mobile number by SMS or an address by e-mail. */
public enum ContactChannel {
    SMS,
    EMAIL
}
