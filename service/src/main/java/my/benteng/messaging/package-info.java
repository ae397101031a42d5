/**
 * Outbound messaging: the only way an SMS or e-mail leaves Benteng. Modules enqueue a fixed
 * {@link my.benteng.messaging.Template} with typed, validated parameters through
 * {@link my.benteng.messaging.Messaging} inside their own transaction; a transactional outbox delivers it
 * with the outbox id as the provider's idempotency key, honouring the suppression list and spend caps.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Messaging", allowedDependencies = {"platform", "audit"})
package my.benteng.messaging;
