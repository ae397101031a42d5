/**
 * Leak investigations: an analyst uploads leaked samples, the module finds what evidence they carry (today the
 * per-access forensic watermark of eKYC renditions, resolved to the relying party, consent and time of the access) and
 * turns it into an evidence report in canonical JSON signed with Ed25519, a PDF for readers, and the report's hash in
 * the audit chain. Samples are personal data: envelope-encrypted with the vault's keys, crypto-shredded after retention.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Leak forensics", allowedDependencies = {"platform", "audit", "ekyc"})
package my.benteng.forensics;
