package my.benteng.shield;

/**
 * Published (as a Spring application event) when the shield blocks a number prefix: whoever holds messages
 * under {@code holdKey} (see {@link Verdict.Allow}) cancels those not yet sent.
 *
 * @param holdKey the key the shield handed out with held verdicts for this prefix
 */
public record PrefixBlocked(String holdKey) {
}
