/**
 * Append-only, hash-chained audit log with signed checkpoints. Every module records security events
 * through {@link my.benteng.audit.AuditLog}; names follow the OWASP logging vocabulary and may carry
 * MITRE ATT&CK technique ids.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit log")
package my.benteng.audit;
