/**
 * One-time codes: the only module that sends them. Every request passes the shield, codes are stored
 * only as an HMAC with a server pepper, and a verified code yields a short-lived, single-use
 * verification token bound to the destination and purpose, redeemed through the account module's
 * {@link my.benteng.account.VerificationTokens} port, which this module implements.
 */
@org.springframework.modulith.ApplicationModule(displayName = "One-time codes",
        allowedDependencies = {"platform", "audit", "shield", "shield :: web", "messaging", "account"})
package my.benteng.otp;
