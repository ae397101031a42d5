package my.benteng.account;

/**
 * Why a contact is being proven: the purpose a one-time code is asked for and the one its verification token is good
 * for (and only for). The {@link VerificationTokens} port takes it typed, so a caller cannot ask for a purpose that
 * does not exist; stored as its {@link #name()}.
 */
public enum Purpose {
    SIGN_UP,
    LOGIN,
    PREMISES_OWNER,
    CONTACT_VERIFICATION,
    EKYC_CONSENT
}
