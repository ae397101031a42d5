/**
 * Check-in and check-out at premises by citizens with a session, their history, and the retention purge.
 * Codes are verified through {@link my.benteng.premises.PremisesDirectory}; the caller is an
 * {@link my.benteng.account.AccountPrincipal}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Check-in",
        allowedDependencies = {"platform", "audit", "account", "premises"})
package my.benteng.checkin;
