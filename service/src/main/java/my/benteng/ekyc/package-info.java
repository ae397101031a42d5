/**
 * eKYC vault: relying parties that sign their requests, citizen consent confirmed with a code sent to the
 * phone on the account, MyKad validation, sanitised and envelope-encrypted card images, match-only answers,
 * watermarked renditions and crypto-shredding when retention ends or consent is revoked.
 */
@org.springframework.modulith.ApplicationModule(displayName = "eKYC vault",
        allowedDependencies = {"platform", "audit", "account", "otp", "shield", "shield :: web"})
package my.benteng.ekyc;
