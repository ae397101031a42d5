package my.benteng.otp;

import java.util.Optional;

/**
 * Redeems the tokens that verified codes yield. Redemption is single-use and atomic: of two concurrent
 * redemptions of one token at most one succeeds.
 */
public interface VerificationTokens {

    /** The destination the token proves, when it is valid for {@code purpose}, unexpired and unused. */
    Optional<VerifiedDestination> redeem(String verificationToken, Purpose purpose);
}
