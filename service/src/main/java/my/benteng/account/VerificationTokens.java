package my.benteng.account;

import java.util.Optional;

/**
 * The port through which the account module learns that someone proved a contact. The {@code otp} module
 * implements it: after a correct code it hands the client a short-lived verification token, and the client
 * presents that token to sign up or sign in.
 */
public interface VerificationTokens {

    /**
     * Redeems a token issued for {@code purpose}. Single use: a token that was redeemed once (for any purpose)
     * is spent. Empty for an unknown, expired, spent or wrong-purpose token; the caller cannot tell which.
     */
    Optional<VerifiedContact> redeem(String verificationToken, Purpose purpose);

    /**
     * What {@link #redeem} would return, without spending the token: lets the account module ask for a name
     * only when the verified contact has no account yet, so that the citizen does not need a second code.
     * Only the holder of the token learns anything from it, and they proved the contact.
     */
    Optional<VerifiedContact> peek(String verificationToken, Purpose purpose);
}
