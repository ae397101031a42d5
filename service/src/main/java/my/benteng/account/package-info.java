/**
 * Citizens, staff and their sessions. Other modules use {@link my.benteng.account.Citizens} to look up a
 * citizen and the contact on the account, {@link my.benteng.account.Sessions} to issue sessions, and read
 * the signed-in caller as an {@link my.benteng.account.AccountPrincipal}. Contacts are proven by a
 * verification token that the {@code otp} module issues through {@link my.benteng.account.VerificationTokens}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts and sessions")
package my.benteng.account;
