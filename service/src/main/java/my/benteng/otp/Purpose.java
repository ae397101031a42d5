package my.benteng.otp;

/** Why a code is wanted. A verification token is good for its purpose only. */
public enum Purpose {
    SIGN_UP,
    LOGIN,
    PREMISES_OWNER,
    CONTACT_VERIFICATION,
    EKYC_CONSENT
}
