/**
 * Abuse shield: decides whether a one-time code may be sent to a destination now. One entry point,
 * {@link my.benteng.shield.Shield#assess(my.benteng.shield.Attempt)}, answers with a
 * {@link my.benteng.shield.Verdict}: destination policy, proof of work (before anything touches storage), the operator
 * {@link my.benteng.shield.Registry}, spend caps, then one atomic step for the prefix block, per-destination and
 * per-client limits, the resend cooldown and prefix velocity, in that order. Requests that send no code but must be
 * paid for (helpdesk tickets) go through {@link my.benteng.shield.Shield#admit}: the same rules and the same ledger of
 * spent proofs of work, with the caller's {@link my.benteng.shield.ClientQuota}s in the atomic step.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Abuse shield", allowedDependencies = {"platform", "audit"})
package my.benteng.shield;
