/**
 * Abuse shield: decides whether a one-time code may be sent to a destination now. One entry point,
 * {@link my.benteng.shield.Shield#assess(my.benteng.shield.Attempt)}, answers with a
 * {@link my.benteng.shield.Verdict}: destination policy, the operator {@link my.benteng.shield.Registry},
 * spend caps, proof of work, per-destination and per-client limits and prefix velocity, in that order.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Abuse shield", allowedDependencies = {"platform", "audit"})
package my.benteng.shield;
